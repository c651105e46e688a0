"""The edition's pictures for machines: the logo that structured data and JSON Feed name, and
the small icons for browsers and home screens (static files in ``masthead/static/masthead/``)."""

LOGO = "masthead/logo.png"
LOGO_SIZE = 512  # pixels, square
APPLE_TOUCH_ICON = "masthead/apple-touch-icon.png"  # 180 pixels square
FAVICON = "masthead/favicon.ico"  # 16, 32 and 48 pixels square
