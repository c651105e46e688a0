"""The admin's "Import transcript": step 1 reads the transcript, step 2 matches its speakers to
people, and the draft is made and opened in the editor. Both steps post to the same address."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.views.decorators.http import require_http_methods
from wagtail.permission_policies.pages import PagePermissionPolicy

from masthead.articles.models import ArticlePage
from masthead.planning.models import PlanItem, PlanKind
from masthead.programmes.models import Programme

from .drafting import DraftError, draft_interview
from .forms import SpeakersForm, TranscriptForm, read_carried, sections_for
from .parsing import TranscriptError

STEP_FIELD = "step"


def may_import(user) -> bool:
    """Whoever may add pages (reporters, editors): the draft is theirs to file."""
    return PagePermissionPolicy().user_has_permission(user, "add")


@require_http_methods(["GET", "HEAD", "POST"])
def import_transcript(request: HttpRequest) -> HttpResponse:
    if not may_import(request.user):
        raise PermissionDenied
    if request.method != "POST":
        form = TranscriptForm(user=request.user, initial=_initial(request))
        return _render(request, form=form)
    if request.POST.get(STEP_FIELD) == "speakers":
        return _speakers(request)
    form = TranscriptForm(request.POST, request.FILES, user=request.user)
    if not form.is_valid():
        return _render(request, form=form, status=400)
    speakers = SpeakersForm(
        user=request.user,
        speakers=form.transcript.speakers,
        initial={
            **{name: form.cleaned_data[name] for name in ("title", "section", "broadcast")},
            "programme": form.cleaned_data["programme"],
            "carried": form.carried(),
            **SpeakersForm.initial_for(
                form.transcript,
                form.cleaned_data["programme"],
                _expected(form.cleaned_data.get("broadcast")),
            ),
        },
    )
    speakers.transcript = form.transcript
    return _render(request, speakers=speakers)


def _speakers(request: HttpRequest) -> HttpResponse:
    try:
        transcript = read_carried(request.POST.get("carried", ""))
    except TranscriptError as error:
        form = TranscriptForm(user=request.user, initial=_initial(request))
        return _render(request, form=form, problem=str(error), status=400)
    form = SpeakersForm(request.POST, user=request.user, speakers=transcript.speakers)
    form.transcript = transcript
    if not form.is_valid():
        return _render(request, speakers=form, status=400)
    data = form.cleaned_data
    try:
        with transaction.atomic():
            article = draft_interview(
                transcript,
                form.mapping(),
                data["programme"],
                data["section"],
                data["title"],
                credentials=form.credentials(),
                owner=request.user,
            )
            _link_broadcast(data.get("broadcast"), article)
    except DraftError as error:
        if error.page is not None:
            url = reverse("wagtailadmin_pages:edit", args=[error.page.pk])
            form.add_error(None, format_html('{} <a href="{}">Open it</a>.', error, url))
        else:
            form.add_error(None, str(error))
        return _render(request, speakers=form, status=400)
    except TranscriptError as error:
        form.add_error(None, str(error))
        return _render(request, speakers=form, status=400)
    questions = sum(block.block_type == "question" for block in article.body)
    paragraphs = sum(block.block_type == "paragraph" for block in article.body)
    quotes = sum(block.block_type == "pull_quote" for block in article.body)
    messages.success(
        request,
        f"Draft “{article.title}” made from the transcript: {_count(questions, 'question')}, "
        f"{_count(paragraphs, 'paragraph')} and {_count(quotes, 'proposed pull quote')} to "
        "keep or delete. "
        "Nothing is published until an editor publishes it.",
    )
    return HttpResponseRedirect(reverse("wagtailadmin_pages:edit", args=[article.pk]))


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _initial(request: HttpRequest) -> dict:
    """Step 1 filled from ``?programme=`` or ``?broadcast=`` (a broadcast's plan item)."""
    initial: dict = {}
    broadcast = _broadcast(request.GET.get("broadcast"))
    if broadcast is not None:
        initial.update(
            broadcast=broadcast.pk,
            programme=broadcast.programme_id,
            section=broadcast.section_id,
            title=broadcast.title,
        )
    programme = request.GET.get("programme")
    if programme and programme.isdigit() and Programme.objects.filter(pk=programme).exists():
        initial["programme"] = int(programme)
    if "section" not in initial or initial["section"] is None:
        sections = sections_for(request.user)
        if len(sections) == 1:
            initial["section"] = sections[0].pk
    return initial


def _broadcast(value) -> PlanItem | None:
    if value is None or not str(value).isdigit():
        return None
    return PlanItem.objects.filter(pk=value, kind=PlanKind.BROADCAST).first()


def _expected(broadcast_id) -> dict[int, str]:
    """The roles the broadcast's plan expected of its people, by person id."""
    broadcast = _broadcast(broadcast_id)
    if broadcast is None:
        return {}
    return {
        person_id: role
        for person_id, role in broadcast.people.values_list("person_id", "role")
        if role in ("host", "guest")
    }


def _link_broadcast(broadcast_id, article: ArticlePage) -> None:
    """The broadcast's plan item now has its article (unless it had one already)."""
    broadcast = _broadcast(broadcast_id)
    if broadcast is not None and broadcast.article_id is None:
        broadcast.article = article
        broadcast.save(update_fields=["article"])


def _render(
    request: HttpRequest,
    *,
    form: TranscriptForm | None = None,
    speakers: SpeakersForm | None = None,
    problem: str = "",
    status: int = 200,
) -> HttpResponse:
    title = "Import transcript"
    context = {
        "form": form,
        "speakers": speakers,
        "problem": problem,
        "step_field": STEP_FIELD,
        "action_url": reverse("transcripts:import"),
        "page_title": title,
        "header_title": title,
        "header_icon": "doc-full",
        "breadcrumbs_items": [
            {"url": reverse("wagtailadmin_home"), "label": "Home"},
            {"url": "", "label": title},
        ],
    }
    return TemplateResponse(request, "transcripts/import.html", context, status=status)
