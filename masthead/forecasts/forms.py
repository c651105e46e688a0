"""The forecast's admin form: the words must be the article's and the person one who appears in
it; once resolved, what was judged (who said what, and by when) is locked, so a judgement is
never silently made to fit another claim."""

from __future__ import annotations

from wagtail.admin.forms import WagtailAdminModelForm

from masthead.articles import texts
from masthead.articles.appearances import Appearance

from .models import Status

# What a resolution judged. The subjects stay open: they file the forecast, they do not state it.
JUDGED = (
    "article",
    "person",
    "credentials",
    "words",
    "horizon_kind",
    "horizon_earliest",
    "horizon_latest",
    "horizon_text",
    "confidence_text",
    "confidence",
)
LOCKED_HELP = "Locked: the forecast has been resolved. Revise the resolution to change the record."


def _same(text: str) -> str:
    return " ".join(text.replace("’", "'").split())  # noqa: RUF001 (an apostrophe)


class ForecastForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.status != Status.PENDING:
            for name in JUDGED:
                if name in self.fields:
                    self.fields[name].disabled = True
                    self.fields[name].help_text = LOCKED_HELP

    def clean(self):
        data = super().clean()
        article, person, words = data.get("article"), data.get("person"), data.get("words")
        if article is None:
            return data
        article = article.specific
        if (
            person is not None
            and not Appearance.objects.filter(article=article, person=person).exists()
        ):
            self.add_error(
                "person", f"{person.name} does not appear in this article: credit them there first."
            )
        if words and "words" not in self.errors:
            block_id = self._block_of(article, words)
            if block_id is None:
                self.add_error(
                    "words",
                    "These words are not in the article's text: copy a sentence of its body or "
                    "one of its pull quotes.",
                )
            else:
                self.instance.block_id = block_id
        return data

    @staticmethod
    def _block_of(article, words: str) -> str | None:
        """The body block holding ``words``: of the article as last saved, draft included."""
        latest = article.get_latest_revision_as_object() if article.latest_revision_id else article
        wanted = _same(words).strip('"“”')
        for passage in texts.passages(latest.body.raw_data):
            if passage.kind in ("paragraph", "quote") and wanted in _same(passage.text):
                return passage.block_id
        return None
