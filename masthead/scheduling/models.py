"""The worker's heartbeat: when the sweep of scheduled publishing last ran, and what it did."""

from __future__ import annotations

from django.db import models


class Heartbeat(models.Model):
    """One row, written by every sweep (``tasks.sweep``); the dashboard reads it to tell whether
    the worker is running. Its row is also the lock that keeps one sweep pending at most."""

    ROW = 1

    last_run_at = models.DateTimeField(null=True, blank=True)
    published = models.PositiveIntegerField(default=0, help_text="Published by the last run.")
    unpublished = models.PositiveIntegerField(default=0, help_text="Expired by the last run.")
    failed = models.PositiveIntegerField(default=0, help_text="Failed in the last run.")

    class Meta:
        verbose_name = "scheduling heartbeat"

    def __str__(self) -> str:
        return (
            f"last sweep at {self.last_run_at:%Y-%m-%d %H:%M:%S}" if self.last_run_at else "never"
        )

    @classmethod
    def locked(cls) -> Heartbeat:
        """The row, locked until the current transaction ends (created on first use)."""
        heartbeat, _ = cls.objects.select_for_update().get_or_create(pk=cls.ROW)
        return heartbeat

    @classmethod
    def read(cls) -> Heartbeat | None:
        return cls.objects.filter(pk=cls.ROW).first()
