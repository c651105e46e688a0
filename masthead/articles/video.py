"""Video embeds from a pasted address, built without asking the provider (no request at render)."""

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlparse

_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{6,20}$")
_VIMEO_ID = re.compile(r"^\d{3,12}$")


@dataclass(frozen=True)
class VideoEmbed:
    provider: str
    player_url: str


def video_embed(url: str) -> VideoEmbed | None:
    """The privacy-friendly player address for a YouTube or Vimeo link, or None if unknown."""
    parsed = urlparse(url or "")
    host = (parsed.hostname or "").removeprefix("www.").removeprefix("m.")
    video_id = ""
    if host in {"youtube.com", "youtube-nocookie.com"}:
        if parsed.path == "/watch":
            video_id = parse_qs(parsed.query).get("v", [""])[0]
        elif parsed.path.startswith(("/embed/", "/shorts/", "/live/")):
            video_id = parsed.path.split("/")[2]
    elif host == "youtu.be":
        video_id = parsed.path.lstrip("/").split("/")[0]
    if video_id and _YOUTUBE_ID.match(video_id):
        return VideoEmbed("YouTube", f"https://www.youtube-nocookie.com/embed/{video_id}")
    if host in {"vimeo.com", "player.vimeo.com"}:
        vimeo_id = parsed.path.rstrip("/").split("/")[-1]
        if _VIMEO_ID.match(vimeo_id):
            return VideoEmbed("Vimeo", f"https://player.vimeo.com/video/{vimeo_id}")
    return None
