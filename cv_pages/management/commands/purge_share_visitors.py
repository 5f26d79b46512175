"""Deletes the per-visitor share rows of past days; the daily totals stay."""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from cv_pages.models import CVShare


class Command(BaseCommand):
    help = (
        "Supprime les empreintes anonymes des partages des jours passés (elles ne servent "
        "qu'à ne compter qu'une fois un visiteur dans la journée). À lancer chaque jour."
    )

    def add_arguments(self, parser):
        parser.add_argument("--keep-days", type=int, default=2)

    def handle(self, *args, keep_days, **options):
        cutoff = timezone.localdate() - datetime.timedelta(days=keep_days)
        deleted, _ = CVShare.objects.filter(day__lt=cutoff).delete()
        self.stdout.write(f"{deleted} empreinte(s) de partage supprimée(s).")
