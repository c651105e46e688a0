"""The permission policy of the edition's site settings (the edition itself, its trust policies).

Wagtail's ``SitePermissionPolicy`` lists the sites a user may edit a setting for as a
``distinct()`` query over ``Site.objects``, whose manager orders by a ``CASE`` expression; on
PostgreSQL that is an error ("for SELECT DISTINCT, ORDER BY expressions must appear in select
list"), so an editor without the permission who opens the setting got a 500 rather than
Wagtail's "no permission" answer (Wagtail 8.0.1). Ordering those sites by id instead keeps the
same rights and answers on every database."""

from __future__ import annotations

from django.db.models import QuerySet
from wagtail.models import Site
from wagtail.permission_policies.sites import SitePermissionPolicy


class EditionSettingPermissionPolicy(SitePermissionPolicy):
    def sites_user_has_any_permission_for(self, user, actions) -> QuerySet[Site]:
        return super().sites_user_has_any_permission_for(user, actions).order_by("pk")
