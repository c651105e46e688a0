from wagtail import hooks

from .panels import NEWSROOM_PANELS


@hooks.register("construct_homepage_panels")
def newsroom_panels(request, panels) -> None:
    panels.extend(panel() for panel in NEWSROOM_PANELS)
