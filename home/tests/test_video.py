"""Video blocks: recognised addresses, and nothing loaded from the host before a click."""

import json

import pytest
from bs4 import BeautifulSoup
from wagtail import blocks

from home.blocks import VideoEmbedBlock
from home.middleware import PUBLIC_CONTENT_SECURITY_POLICY
from home.video import parse_video_url

THIRD_PARTY = ("youtube", "youtu.be", "vimeo", "dailymotion", "dai.ly")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42s",
            (
                "youtube",
                "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&rel=0",
                "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            ),
        ),
        (
            "https://youtu.be/dQw4w9WgXcQ",
            (
                "youtube",
                "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&rel=0",
                "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            ),
        ),
        (
            " https://m.youtube.com/shorts/dQw4w9WgXcQ ",
            (
                "youtube",
                "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&rel=0",
                "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            ),
        ),
        (
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
            (
                "youtube",
                "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&rel=0",
                "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            ),
        ),
        (
            "https://vimeo.com/76979871",
            (
                "vimeo",
                "https://player.vimeo.com/video/76979871?autoplay=1&dnt=1",
                "https://vimeo.com/76979871",
            ),
        ),
        (
            "https://player.vimeo.com/video/76979871",
            (
                "vimeo",
                "https://player.vimeo.com/video/76979871?autoplay=1&dnt=1",
                "https://vimeo.com/76979871",
            ),
        ),
        (
            "https://www.dailymotion.com/video/x8abcd1_un-titre",
            (
                "dailymotion",
                "https://geo.dailymotion.com/player.html?video=x8abcd1&autoplay=1",
                "https://www.dailymotion.com/video/x8abcd1",
            ),
        ),
        (
            "https://dai.ly/x8abcd1",
            (
                "dailymotion",
                "https://geo.dailymotion.com/player.html?video=x8abcd1&autoplay=1",
                "https://www.dailymotion.com/video/x8abcd1",
            ),
        ),
    ],
)
def test_supported_addresses_give_a_privacy_friendly_player_and_a_watch_link(url, expected):
    assert parse_video_url(url) == expected


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/watch?v=dQw4w9WgXcQ",
        "https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ",
        "https://www.youtube.com/watch?v=trop-court",
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ%22onload",
        "https://www.youtube.com/channel/UC1234567890",
        "https://vimeo.com/channels/staffpicks",
        "javascript:alert(1)//youtu.be/dQw4w9WgXcQ",
        "ftp://youtu.be/dQw4w9WgXcQ",
        "pas une adresse",
        "",
    ],
)
def test_other_addresses_are_not_recognised(url):
    assert parse_video_url(url) is None


def test_block_refuses_an_unknown_host_with_a_french_message():
    block = VideoEmbedBlock()
    value = block.to_python(
        {"url": "https://example.com/ma-video", "title": "Notre film", "poster": None}
    )
    with pytest.raises(blocks.StructBlockValidationError) as error:
        block.clean(value)
    url_error = error.value.block_errors["url"]
    message = " ".join(getattr(url_error, "messages", [str(url_error)]))
    assert "Adresse non reconnue" in message
    assert "YouTube, Vimeo, Dailymotion" in message
    # A good address passes.
    good = block.to_python({"url": "https://youtu.be/dQw4w9WgXcQ", "title": "Notre film"})
    assert block.clean(good)["url"] == "https://youtu.be/dQw4w9WgXcQ"


@pytest.mark.django_db
def test_nothing_from_the_host_loads_before_a_click(client, home_page):
    home_page.body = json.dumps(
        [
            {
                "type": "video",
                "value": {
                    "url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
                    "title": "Amina raconte son premier jour",
                    "poster": None,
                    "transcript": "Le premier jour, j'avais le trac.",
                },
            }
        ]
    )
    home_page.save_revision().publish()
    response = client.get("/")
    soup = BeautifulSoup(response.content, "html.parser")

    assert soup.select("iframe") == []
    for element in soup.find_all(src=True):
        assert not any(host in element["src"] for host in THIRD_PARTY), element
    for element in soup.find_all("link", href=True):
        assert not any(host in element["href"] for host in THIRD_PARTY), element

    play = soup.select_one("a.video-embed__play")
    # Without JavaScript: a plain link to the video on its host, saying so.
    assert play["href"] == "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    assert "Lire la vidéo « Amina raconte son premier jour »" in play.get_text(" ", strip=True)
    assert "(ouvre YouTube)" in play.get_text(" ", strip=True)
    # site.js builds the player from this address, only when the visitor clicks.
    assert play["data-video-embed"].startswith("https://www.youtube-nocookie.com/embed/")
    transcript = soup.select_one("details.video-embed__transcript")
    assert "j'avais le trac" in transcript.get_text()
    # The player may then load: its host is allowed in frames, and nothing else is.
    assert (
        "frame-src 'self' https://www.youtube-nocookie.com" in response["Content-Security-Policy"]
    )


def test_content_security_policy_frames_only_the_players_embed_hosts():
    frame_src = next(
        part for part in PUBLIC_CONTENT_SECURITY_POLICY.split("; ") if part.startswith("frame-src")
    )
    assert frame_src.split()[1:] == [
        "'self'",
        "https://www.youtube-nocookie.com",
        "https://player.vimeo.com",
        "https://geo.dailymotion.com",
    ]


@pytest.mark.django_db
def test_poster_is_served_by_the_site(client, home_page, settings, tmp_path):
    import io

    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.images import get_image_model

    settings.MEDIA_ROOT = tmp_path
    buffer = io.BytesIO()
    PILImage.new("RGB", (1280, 720), (13, 92, 99)).save(buffer, "JPEG")
    poster = get_image_model().objects.create(
        title="affiche", file=ImageFile(io.BytesIO(buffer.getvalue()), name="affiche.jpg")
    )
    home_page.body = json.dumps(
        [
            {
                "type": "video",
                "value": {
                    "url": "https://vimeo.com/76979871",
                    "title": "Le programme en deux minutes",
                    "poster": {"image": poster.pk, "decorative": True, "alt_text": ""},
                },
            }
        ]
    )
    home_page.save_revision().publish()
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    image = soup.select_one(".video-embed__poster")
    assert image["src"].startswith("/media/") and image["alt"] == ""
    assert soup.select_one("a.video-embed__play")["href"] == "https://vimeo.com/76979871"
    assert "(ouvre Vimeo)" in soup.select_one("a.video-embed__play").get_text()
    assert soup.select("iframe") == []
