"""The newsroom's roles on forecasts: editors and chief editors mark forecasts, accept or
dismiss what the detector proposes, and resolve them (a resolution is never changed, only
revised by a new one, so nobody may change or delete one). Reporters see them."""

from django.db import migrations

from masthead.newsroom.grants import granting

REPORTERS, EDITORS, CHIEF_EDITORS = "Reporters", "Editors", "Chief editors"

_SEE = ("forecasts.view_forecast", "forecasts.view_candidate", "forecasts.view_resolution")
_DESK = (
    *_SEE,
    "forecasts.add_forecast",
    "forecasts.change_forecast",
    "forecasts.delete_forecast",
    "forecasts.change_candidate",
    "forecasts.add_resolution",
)
GRANTS = {REPORTERS: _SEE, EDITORS: _DESK, CHIEF_EDITORS: _DESK}


class Migration(migrations.Migration):
    dependencies = [("newsroom", "0003_desk_permissions"), ("forecasts", "0001_forecasts")]
    operations = [migrations.RunPython(*granting(("forecasts",), GRANTS))]
