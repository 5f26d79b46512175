"""Time to draw one CV share image (1200 × 630 JPEG), as done when a CV is published.

Run from the repository root:

    .venv/bin/python bench/share_image_bench.py [--runs 20]

No database: the card is drawn from sample public data and a portrait made by
cv_pages/portraits.py, exactly as cv_pages.share_image.update_share_image draws it
(content → fingerprint → drawing → JPEG encoding). Prints the median and p95 over the
runs, in milliseconds, for a card with a portrait, one with the initial placeholder,
and one whose texts are long enough to need shrinking and "…".
"""

import argparse
import io
import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "site"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "linkedout.settings.test")


def percentile(values, fraction):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))
    return ordered[index]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()

    import django

    django.setup()
    from PIL import Image

    from cv_pages import share_image
    from cv_pages.portraits import generate_portrait

    portrait = Image.open(io.BytesIO(generate_portrait(11, 640, presentation="f"))).convert("RGB")
    base = share_image.ShareCardContent(
        name="Amina B.",
        initial="A",
        catchphrase="Commis de cuisine rapide et souriante, je tiens le rythme du service",
        career="dans la restauration comme commis de cuisine et dans l'hôtellerie comme "
        "employée d'étage",
        regions=("Île-de-France",),
        organisation="LinkedOut",
        tagline="Partagez un CV, changez une vie.",
        portrait_key="42:original_images/abc.jpg:hash:",
    )
    long = share_image.ShareCardContent(
        name="Marie-Christine-Alexandrine-Bénédicte-Éléonore Z.",
        initial="M",
        catchphrase="Je mets mon sérieux et ma bonne humeur au service de votre équipe, toujours "
        * 3,
        career="dans la logistique et l'approvisionnement comme préparateur de commandes en "
        "entrepôt frigorifique et dans la vente et le commerce comme employé libre-service",
        regions=("Auvergne-Rhône-Alpes", "Hauts-de-France", "Île-de-France", "Occitanie"),
        organisation="LinkedOut",
        tagline="Partagez un CV, changez une vie.",
    )
    cases = [
        ("portrait", base, portrait),
        ("placeholder", base, None),
        ("long texts", long, None),
    ]
    print(f"fonts: {share_image.fonts_identity() or 'Pillow built-in'}; runs: {args.runs}")
    print(f"{'card':<12} {'median ms':>10} {'p95 ms':>8} {'JPEG kB':>8}")
    for label, content, picture in cases:
        share_image.draw_share_image(content, picture)  # warm the font cache
        timings, size = [], 0
        for _run in range(args.runs):
            started = time.perf_counter()
            content.fingerprint()
            data = share_image.encode_jpeg(share_image.draw_share_image(content, picture))
            timings.append((time.perf_counter() - started) * 1000)
            size = len(data)
        print(
            f"{label:<12} {statistics.median(timings):>10.1f} "
            f"{percentile(timings, 0.95):>8.1f} {size / 1024:>8.1f}"
        )


if __name__ == "__main__":
    main()
