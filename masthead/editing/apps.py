"""The editor's form: slugs made from headlines and names, stated limits, times in the
edition's zone, errors that name their field and tab."""

from django.apps import AppConfig


class EditingConfig(AppConfig):
    name = "masthead.editing"
    label = "editing"
    verbose_name = "Editing"

    def ready(self) -> None:
        from .forms import give_models_their_forms

        give_models_their_forms()
