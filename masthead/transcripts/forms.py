"""The two forms of the import: the transcript with where its draft goes, then who speaks."""

from __future__ import annotations

from django import forms
from django.core import signing

from masthead.articles.appearances import Role
from masthead.articles.models import HEADLINE_MAX_LENGTH
from masthead.people.models import Person
from masthead.programmes.models import Programme
from masthead.sections.models import SectionPage

from .drafting import last_credentials
from .parsing import Transcript, TranscriptError, decode, read_transcript

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
SIGNING_SALT = "masthead.transcripts"
ROLE_CHOICES = [(Role.HOST.value, Role.HOST.label), (Role.GUEST.value, Role.GUEST.label)]


def sections_for(user) -> list[SectionPage]:
    """The sections ``user`` may file a new article in."""
    return [
        section
        for section in SectionPage.objects.order_by("path")
        if section.permissions_for_user(user).can_add_subpage()
    ]


class _Placement(forms.Form):
    """Where the draft goes: its programme, section and headline, in both steps."""

    title = forms.CharField(label="Headline", max_length=HEADLINE_MAX_LENGTH)
    section = forms.ModelChoiceField(queryset=SectionPage.objects.none())
    programme = forms.ModelChoiceField(
        queryset=Programme.objects.all(),
        required=False,
        help_text="The programme the interview was broadcast on.",
    )
    broadcast = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        sections = sections_for(user)
        self.fields["section"].queryset = SectionPage.objects.filter(
            pk__in=[section.pk for section in sections]
        ).order_by("path")


class TranscriptForm(_Placement):
    """Step 1: the transcript, uploaded or pasted."""

    upload = forms.FileField(
        label="Transcript file",
        required=False,
        help_text="WebVTT (.vtt) or SRT (.srt) subtitles, or a text file with a speaker's "
        "name before each turn (“Oksana Host: …”).",
    )
    text = forms.CharField(
        label="…or paste it",
        required=False,
        widget=forms.Textarea(attrs={"rows": 12, "spellcheck": "false"}),
    )
    field_order = ["upload", "text", "title", "section", "programme"]

    transcript: Transcript
    raw: str
    filename: str | None

    def clean(self) -> dict:
        cleaned = super().clean()
        upload, text = cleaned.get("upload"), cleaned.get("text") or ""
        if upload is None and not text.strip():
            raise forms.ValidationError("Upload a transcript or paste it.")
        field = "upload" if upload is not None else "text"
        try:
            if upload is not None:
                if upload.size > MAX_UPLOAD_BYTES:
                    raise forms.ValidationError(
                        {"upload": "The file is over 2 MB; is it a transcript?"}
                    )
                self.raw, self.filename = decode(upload.read()), upload.name
            else:
                self.raw, self.filename = text, None
            self.transcript = read_transcript(self.raw, self.filename)
        except TranscriptError as error:
            self.add_error(field, str(error))
        return cleaned

    def carried(self) -> str:
        """The transcript, signed, for the next step to read again."""
        return signing.dumps(
            {"text": self.raw, "filename": self.filename}, salt=SIGNING_SALT, compress=True
        )


class SpeakersForm(_Placement):
    """Step 2: each speaker matched to a person, as the host or a guest."""

    carried = forms.CharField(widget=forms.HiddenInput)

    transcript: Transcript

    def __init__(self, *args, speakers: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.speakers = speakers
        for index, speaker in enumerate(speakers):
            self.fields[f"person_{index}"] = forms.ModelChoiceField(
                queryset=Person.objects.all(), label=f"“{speaker}” is"
            )
            self.fields[f"role_{index}"] = forms.ChoiceField(
                choices=ROLE_CHOICES, label="as", initial=Role.GUEST
            )
            self.fields[f"credentials_{index}"] = forms.CharField(
                label="credentials",
                required=False,
                max_length=300,
                help_text="A guest's position at the time. Left empty: the credentials they "
                "last held, else the line under their name.",
            )

    @classmethod
    def initial_for(
        cls, transcript: Transcript, programme: Programme | None, expected: dict[int, str]
    ) -> dict:
        """Guesses for the editor to check: a speaker named like a person is that person; the
        programme's hosts (and the broadcast's people, ``expected`` by person id) keep their
        roles; an unknown first speaker is taken for the host."""
        hosts = set(programme.hosts.values_list("person_id", flat=True)) if programme else set()
        people = {person.name.casefold(): person for person in Person.objects.all()}
        initial: dict = {}
        for index, speaker in enumerate(transcript.speakers):
            person = people.get(speaker.casefold())
            if person is None:  # "OKSANA" for Oksana Host, when only one person is so named
                matches = [p for name, p in people.items() if speaker.casefold() in name.split()]
                person = matches[0] if len(matches) == 1 else None
            if person is not None:
                initial[f"person_{index}"] = person.pk
                role = expected.get(person.pk) or (Role.HOST if person.pk in hosts else None)
            else:
                role = None
            if role is None:
                role = Role.HOST if index == 0 and not hosts else Role.GUEST
            initial[f"role_{index}"] = role
            if person is not None and role == Role.GUEST:
                initial[f"credentials_{index}"] = last_credentials(person)
        return initial

    def rows(self) -> list[dict]:
        """Each speaker's fields together, for the template."""
        turns = getattr(self, "transcript", None)
        rows = []
        for index, speaker in enumerate(self.speakers):
            said = [t for t in turns.turns if t.speaker == speaker] if turns else []
            rows.append(
                {
                    "speaker": speaker,
                    "turns": len(said),
                    "sample": said[0].text[:160] if said else "",
                    "person": self[f"person_{index}"],
                    "role": self[f"role_{index}"],
                    "credentials": self[f"credentials_{index}"],
                }
            )
        return rows

    def mapping(self) -> dict[str, tuple[Person, str]]:
        return {
            speaker: (self.cleaned_data[f"person_{i}"], self.cleaned_data[f"role_{i}"])
            for i, speaker in enumerate(self.speakers)
        }

    def credentials(self) -> dict[int, str]:
        """What the editor wrote, by person: an empty field leaves the default."""
        said: dict[int, str] = {}
        for i, _ in enumerate(self.speakers):
            text = self.cleaned_data.get(f"credentials_{i}", "").strip()
            if text:
                said[self.cleaned_data[f"person_{i}"].pk] = text
        return said


def read_carried(value: str) -> Transcript:
    """The transcript step 1 read, read again from its signed copy."""
    try:
        data = signing.loads(value, salt=SIGNING_SALT)
    except signing.BadSignature:
        raise TranscriptError("the transcript was lost on the way; upload it again.", 1) from None
    return read_transcript(data["text"], data.get("filename"))
