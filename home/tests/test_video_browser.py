"""The video block in Chromium: nothing from the host before a click, the player after it."""

import json

from playwright.sync_api import expect

from tests.browser_support import BROWSER_MARKS

pytestmark = BROWSER_MARKS


def test_player_loads_only_after_the_visitor_clicks_play(
    site_on_live_server, home_page, open_page, console_errors
):
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
    outside = []

    def record(route):
        outside.append(route.request.url)
        route.fulfill(status=204, body="")

    visitor = open_page(offline=record)
    visitor.goto(f"{site_on_live_server}/")
    play = visitor.get_by_role("link", name="Lire la vidéo « Amina raconte son premier jour »")
    expect(play).to_be_visible()
    # The script tells the visitor the video now plays here, with the host's player.
    expect(play).to_contain_text("lecture ici, avec le lecteur de YouTube")
    visitor.wait_for_load_state("networkidle")
    assert outside == []

    play.click()
    player = visitor.locator("iframe.video-embed__player")
    expect(player).to_have_attribute(
        "src", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&rel=0"
    )
    expect(player).to_have_attribute("title", "Amina raconte son premier jour")
    assert "autoplay" in player.get_attribute("allow")
    assert visitor.url == f"{site_on_live_server}/"  # played in place, not on YouTube
    expect(visitor.locator(".video-embed__play")).to_have_count(0)
    visitor.wait_for_load_state("networkidle")
    assert all(url.startswith("https://www.youtube-nocookie.com/") for url in outside)
    assert outside
    assert console_errors == []


def test_without_javascript_the_poster_is_a_link_to_the_video(
    site_on_live_server, home_page, open_page
):
    home_page.body = json.dumps(
        [
            {
                "type": "video",
                "value": {"url": "https://vimeo.com/76979871", "title": "Le programme"},
            }
        ]
    )
    home_page.save_revision().publish()
    visitor = open_page(java_script_enabled=False)
    visitor.goto(f"{site_on_live_server}/")
    play = visitor.get_by_role("link", name="Lire la vidéo « Le programme » (ouvre Vimeo)")
    expect(play).to_have_attribute("href", "https://vimeo.com/76979871")
    expect(visitor.locator("iframe")).to_have_count(0)
