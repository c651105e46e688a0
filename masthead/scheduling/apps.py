"""Scheduled publishing and expiry run by the task worker, and its heartbeat."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate


class SchedulingConfig(AppConfig):
    name = "masthead.scheduling"
    label = "scheduling"
    verbose_name = "Scheduling"

    def ready(self) -> None:
        from . import receivers

        post_migrate.connect(receivers.migrated, sender=self)
