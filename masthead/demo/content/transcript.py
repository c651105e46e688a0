"""The demo's broadcast transcript: an episode of Evening Dialogue as its subtitles came out of
the studio, WebVTT with the speakers' voices. Invented, in our own words."""

BROADCAST_TITLE = "Evening Dialogue: who keeps the lights on this winter"
HOST, GUEST = "yaryna-bilous", "halyna-sytnyk"

TRANSCRIPT = """WEBVTT

00:00:01.000 --> 00:00:05.200
<v Yaryna Bilous>Good evening. With me tonight is the economist Halyna Sytnyk.

00:00:05.400 --> 00:00:09.800
<v Yaryna Bilous>Will there be enough electricity this winter, and who pays for it?

00:00:10.200 --> 00:00:14.600
<v Halyna Sytnyk>There will be enough for homes, but not always at the hour

00:00:14.600 --> 00:00:18.900
<v Halyna Sytnyk>people want it. The evening peak is the hard part.

00:00:19.100 --> 00:00:24.300
<v Halyna Sytnyk>Small gas turbines in the cities have changed the arithmetic since spring.

00:00:28.000 --> 00:00:30.500
<v Halyna Sytnyk>Within two years, about a third of the capital's power

00:00:30.500 --> 00:00:33.500
<v Halyna Sytnyk>will come from plants inside the city limits.

00:00:33.700 --> 00:00:37.900
<v Halyna Sytnyk>That is the real reserve: power that does not cross a field to reach you.

00:00:38.400 --> 00:00:42.100
<v Yaryna Bilous>And the tariff? Families are asking whether bills will double.

00:00:42.500 --> 00:00:47.800
<v Halyna Sytnyk>They will not double. I expect a rise of about a fifth in the spring,

00:00:47.800 --> 00:00:51.600
<v Halyna Sytnyk>with help for the poorest households kept in place.

00:00:52.000 --> 00:00:55.300
<v Yaryna Bilous>Halyna Sytnyk, thank you.
"""
