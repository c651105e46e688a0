"""Keyset (cursor) pagination: a page is "the items just older (or newer) than this one", so a
deep page costs what the first does and its address always shows the same stories."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.core.exceptions import BadRequest
from django.db.models import Q

_CURSOR = re.compile(r"^(\d{8}T\d{6}\.\d{6})Z-(\d{1,18})$")


@dataclass(frozen=True)
class Cursor:
    published_at: dt.datetime
    article_id: int

    def __str__(self) -> str:
        moment = self.published_at.astimezone(dt.UTC)
        return f"{moment:%Y%m%dT%H%M%S.%f}Z-{self.article_id}"

    @classmethod
    def parse(cls, text: str) -> Cursor:
        """``20240920T150000.000000Z-123`` → Cursor; BadRequest for anything else."""
        match = _CURSOR.match(text or "")
        if not match:
            raise BadRequest("This page address is not valid: the page marker is malformed.")
        try:
            moment = dt.datetime.strptime(match[1], "%Y%m%dT%H%M%S.%f").replace(tzinfo=dt.UTC)
        except ValueError as error:
            raise BadRequest(
                "This page address is not valid: the page marker is not a date."
            ) from error
        return cls(moment, int(match[2]))

    def older(self) -> Q:
        """Items after this cursor in newest-first order."""
        return Q(published_at__lt=self.published_at) | Q(
            published_at=self.published_at, page_ptr_id__lt=self.article_id
        )

    def newer(self) -> Q:
        return Q(published_at__gt=self.published_at) | Q(
            published_at=self.published_at, page_ptr_id__gt=self.article_id
        )
