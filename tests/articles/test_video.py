import pytest

from masthead.articles.video import video_embed


@pytest.mark.parametrize(
    "url",
    [
        "https://www.youtube.com/watch?v=abcDEF12345",
        "https://youtu.be/abcDEF12345",
        "https://m.youtube.com/watch?v=abcDEF12345&t=30",
        "https://www.youtube.com/embed/abcDEF12345",
        "https://www.youtube.com/shorts/abcDEF12345",
    ],
)
def test_youtube_addresses_become_the_privacy_enhanced_player(url):
    embed = video_embed(url)
    assert embed is not None
    assert embed.provider == "YouTube"
    assert embed.player_url == "https://www.youtube-nocookie.com/embed/abcDEF12345"


def test_vimeo_address():
    embed = video_embed("https://vimeo.com/123456789")
    assert embed is not None
    assert embed.player_url == "https://player.vimeo.com/video/123456789"


@pytest.mark.parametrize(
    "url",
    ["", "not a url", "https://example.com/watch?v=abc", "https://youtube.com/watch?v=<script>"],
)
def test_unknown_or_malformed_addresses_give_no_player(url):
    assert video_embed(url) is None
