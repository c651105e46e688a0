from django.apps import AppConfig
from django.core import checks


class ServingConfig(AppConfig):
    name = "masthead.serving"
    label = "serving"
    verbose_name = "Serving"

    def ready(self) -> None:
        from . import invalidation  # noqa: F401 (connects the invalidation map's receivers)
        from .checks import check_verified_versions

        checks.register(check_verified_versions, checks.Tags.compatibility)
