"""The planning calendar: intended stories and a programme's broadcasts."""

from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "masthead.planning"
    label = "planning"
    verbose_name = "Planning"

    def ready(self) -> None:
        from . import signals  # noqa: F401 (connects the receivers)
