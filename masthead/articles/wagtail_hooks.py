from wagtail import hooks

from .links import PageLinkHandler


# Registered after Wagtail's own handler (order), which it replaces; it hands back to Wagtail's
# when a page type makes its own URLs (links.page_urls_are_exact).
@hooks.register("register_rich_text_features", order=100)
def page_links_in_one_query(features) -> None:
    features.register_link_type(PageLinkHandler)
