"""Recognising video addresses, so a video block can load its player only after a click."""

import re
from urllib.parse import parse_qs, urlparse

VIDEO_HOSTS = ("YouTube", "Vimeo", "Dailymotion")

_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
_VIMEO_ID = re.compile(r"^\d{4,12}$")
_DAILYMOTION_ID = re.compile(r"^[A-Za-z0-9]{5,12}$")


def parse_video_url(url):
    """(provider, embed URL, watch URL) for a supported video address, or None.

    Embeds use each host's privacy-enhanced player (YouTube's "nocookie" domain, Vimeo's
    do-not-track flag) and start playing, since the visitor has just clicked play.
    """
    try:
        parsed = urlparse(url.strip())
    except ValueError:
        return None
    if parsed.scheme not in ("http", "https"):
        return None
    host = (parsed.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    path = parsed.path.strip("/")
    if host in ("youtube.com", "youtube-nocookie.com"):
        if path == "watch":
            video_id = parse_qs(parsed.query).get("v", [""])[0]
        else:
            parts = path.split("/")
            video_id = (
                parts[1] if len(parts) == 2 and parts[0] in ("embed", "shorts", "live") else ""
            )
    elif host == "youtu.be":
        video_id = path
    else:
        video_id = None
    if video_id is not None:
        if not _YOUTUBE_ID.match(video_id):
            return None
        return (
            "youtube",
            f"https://www.youtube-nocookie.com/embed/{video_id}?autoplay=1&rel=0",
            f"https://www.youtube.com/watch?v={video_id}",
        )
    if host in ("vimeo.com", "player.vimeo.com"):
        video_id = path.split("/")[-1]
        if not _VIMEO_ID.match(video_id):
            return None
        return (
            "vimeo",
            f"https://player.vimeo.com/video/{video_id}?autoplay=1&dnt=1",
            f"https://vimeo.com/{video_id}",
        )
    if host in ("dailymotion.com", "dai.ly"):
        video_id = path.split("/")[-1] if host == "dai.ly" else path.removeprefix("video/")
        video_id = video_id.split("_")[0]
        if not _DAILYMOTION_ID.match(video_id):
            return None
        return (
            "dailymotion",
            f"https://geo.dailymotion.com/player.html?video={video_id}&autoplay=1",
            f"https://www.dailymotion.com/video/{video_id}",
        )
    return None
