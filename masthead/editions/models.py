"""An edition is one site of the outlet: its brand, language and time zone."""

import zoneinfo

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from .site_settings import EditionSettingPermissionPolicy

TIME_ZONE_CHOICES = sorted((name, name) for name in zoneinfo.available_timezones())


@register_setting(icon="site")
class Edition(BaseSiteSetting):
    """Per-site settings: what readers see in the masthead and the clock dates are shown in.

    The edition's language is the locale of the site's home page.
    """

    @classmethod
    def get_permission_policy(cls) -> EditionSettingPermissionPolicy:
        return EditionSettingPermissionPolicy(cls)

    brand = models.CharField(
        max_length=80,
        default="Masthead. Global",
        help_text="Shown in the masthead of every page, e.g. “<Outlet>. Global”.",
    )
    tagline = models.CharField(max_length=160, blank=True)
    time_zone = models.CharField(
        max_length=64,
        choices=TIME_ZONE_CHOICES,
        default="Europe/Kyiv",
        help_text="Datelines and the news feed's days are shown in this time zone.",
    )

    panels = [FieldPanel("brand"), FieldPanel("tagline"), FieldPanel("time_zone")]

    class Meta:
        verbose_name = "edition"
