"""Draws the share image of every public CV whose card is missing or out of date.

Cards are drawn when a CV is published; run this after changing the site's identity
(name, slogan) or the drawing code, or after loading data without publishing:

    .venv/bin/python manage.py build_share_images [--force]
"""

from django.core.management.base import BaseCommand

from cv_pages.models import CVPage
from cv_pages.share_image import site_identity_for_page, update_share_image


class Command(BaseCommand):
    help = "Dessine les images de partage manquantes ou périmées des CV publics."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Redessine toutes les images, même à jour."
        )

    def handle(self, *args, force=False, **options):
        identities = {}
        drawn = kept = 0
        cvs = CVPage.objects.public().with_card_relations().order_by("pk")
        for cv in cvs.iterator(chunk_size=100):
            site_key = cv.path[: CVPage.steplen * 2]  # one identity lookup per site root
            if site_key not in identities:
                identities[site_key] = site_identity_for_page(cv)
            before = cv.share_image_fingerprint
            if force:
                CVPage.objects.filter(pk=cv.pk).update(share_image_fingerprint="")
                cv.share_image_fingerprint = ""
                before = None
            update_share_image(cv, identities[site_key])
            if cv.share_image_fingerprint == before:
                kept += 1
            else:
                drawn += 1
        self.stdout.write(f"{drawn} image(s) dessinée(s), {kept} déjà à jour.")
