"""Keep the anonymous page cache in step with what partners' blocks and pages show."""

import logging

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from home.page_cache import bump_version

logger = logging.getLogger(__name__)


def prepare_renditions_after_commit(sender, instance, **kwargs):
    """Logos' renditions are made once the partner is saved, not by the first visitor."""
    from .templatetags.partner_tags import prepare_logo_renditions

    def prepare():
        try:
            prepare_logo_renditions(instance)
        except (OSError, ValueError):
            # A missing or unreadable file: the page will show the problem, not the save.
            logger.warning("Logo renditions failed for partner %s", instance.pk, exc_info=True)

    transaction.on_commit(prepare)


def connect_signals():
    from home.models import SiteImage

    from .models import Partner, PartnerTier

    # SiteImage: a logo replaced in the media library gets new rendition addresses.
    for model in (Partner, PartnerTier, SiteImage):
        post_save.connect(
            bump_version, sender=model, dispatch_uid=f"partners-page-cache-s-{model.__name__}"
        )
        post_delete.connect(
            bump_version, sender=model, dispatch_uid=f"partners-page-cache-d-{model.__name__}"
        )
    post_save.connect(
        prepare_renditions_after_commit, sender=Partner, dispatch_uid="partners-logo-renditions"
    )
    # The admin saves a partner's funded cohorts and campaigns after the partner itself.
    for through in (Partner.funded_cohorts.through, Partner.funded_campaigns.through):
        m2m_changed.connect(
            bump_version, sender=through, dispatch_uid=f"partners-page-cache-m2m-{through.__name__}"
        )
    connect_wall_signals()


# -- the supporters wall ------------------------------------------------------------------
#
# The wall (partners/wall.py) is cached, and shown inside cached pages: a change that
# alters it forgets the wall and bumps the page cache. Ledger rows change on every Stripe
# webhook, so a payment or a refund counts only when its donor is on the wall (opted in,
# approved, with a display name) — anyone else's money cannot change what the wall shows,
# and emptying the page cache on every webhook would make the site slow for everyone. A
# donor counts only when what the wall shows of them changes (on it or not, name, logo,
# kind), so a receipt address edited in the donor space empties nothing.

_UNKNOWN = object()
_DONOR_WALL_FIELDS = ("show_on_wall", "wall_approved", "display_name", "logo_id", "kind")
_PAYMENT_WALL_FIELDS = ("status", "amount_cents", "donation_id")


def _loaded(instance, fields):
    """The fields' values as loaded, without ever fetching a deferred one."""
    values = instance.__dict__
    if any(name not in values for name in fields):
        return _UNKNOWN
    return tuple(values[name] for name in fields)


def _donor_wall_state(donor):
    """What the wall shows of this donor (None when not on it), or _UNKNOWN."""
    loaded = _loaded(donor, _DONOR_WALL_FIELDS)
    if loaded is _UNKNOWN:
        return _UNKNOWN
    show, approved, name, logo_id, kind = loaded
    name = (name or "").strip()
    if not (show and approved and name):
        return None
    return (name, logo_id, kind)


def _forget_wall_now():
    from .wall import forget_supporters_wall

    forget_supporters_wall()
    bump_version()


def forget_wall():
    """Forget the wall and the cached pages now and, inside a transaction, again after
    commit: a page rendered meanwhile from the old data must not stay cached."""
    from django.db import connection, transaction

    _forget_wall_now()
    if connection.in_atomic_block:
        transaction.on_commit(_forget_wall_now)


def _on_wall(**filters):
    from donations.models import Donor

    return (
        Donor.objects.filter(show_on_wall=True, wall_approved=True, **filters)
        .exclude(display_name="")
        .exists()
    )


def remember_donor_state(sender, instance, **kwargs):
    instance._wall_state = _donor_wall_state(instance)


def donor_saved(sender, instance, created, **kwargs):
    before = None if created else getattr(instance, "_wall_state", _UNKNOWN)
    after = _donor_wall_state(instance)
    instance._wall_state = after
    if before is _UNKNOWN or after is _UNKNOWN or before != after:
        forget_wall()


def donor_deleted(sender, instance, **kwargs):
    if _donor_wall_state(instance) is not None:
        forget_wall()


def remember_payment_state(sender, instance, **kwargs):
    instance._wall_state = _loaded(instance, _PAYMENT_WALL_FIELDS)


def payment_changed(sender, instance, created=False, **kwargs):
    from donations.models import PaymentStatus

    before = None if created else getattr(instance, "_wall_state", _UNKNOWN)
    after = _loaded(instance, _PAYMENT_WALL_FIELDS)
    instance._wall_state = after
    if kwargs.get("signal") is post_delete:
        before, after = after, None
    elif before == after:
        return  # a receipt or a Stripe reference recorded: the money did not move
    states = [state for state in (before, after) if state is not None]
    counts = any(state is _UNKNOWN or state[0] == PaymentStatus.SUCCEEDED for state in states)
    if counts and _on_wall(donations__id=instance.donation_id):
        forget_wall()


def refund_changed(sender, instance, **kwargs):
    if _on_wall(donations__payments__id=instance.payment_id):
        forget_wall()


def forget_wall_for(sender, **kwargs):
    forget_wall()


def wall_settings_saved(sender, instance, created, **kwargs):
    # SupportersWallSettings.for_site() creates the row with its defaults the first time
    # the wall is drawn: the wall just computed already used those defaults.
    if created and all(
        getattr(instance, field.attname) == field.get_default()
        for field in sender._meta.concrete_fields
        if not field.primary_key and field.name != "site"
    ):
        return
    forget_wall()


def forget_wall_cache_only(sender, **kwargs):
    # A logo's file replaced or deleted: the cached wall holds its old renditions. The
    # page cache has its own handler for images (above).
    from .wall import forget_supporters_wall

    forget_supporters_wall()


def connect_wall_signals():
    from django.db.models.signals import post_init

    from donations.models import Donor, Payment, Refund
    from home.models import SiteImage

    from .models import PartnerTier, SupportersWallSettings

    post_init.connect(remember_donor_state, sender=Donor, dispatch_uid="wall-donor-init")
    post_save.connect(donor_saved, sender=Donor, dispatch_uid="wall-donor-s")
    post_delete.connect(donor_deleted, sender=Donor, dispatch_uid="wall-donor-d")
    post_init.connect(remember_payment_state, sender=Payment, dispatch_uid="wall-payment-init")
    post_save.connect(payment_changed, sender=Payment, dispatch_uid="wall-payment-s")
    post_delete.connect(payment_changed, sender=Payment, dispatch_uid="wall-payment-d")
    post_save.connect(refund_changed, sender=Refund, dispatch_uid="wall-refund-s")
    post_delete.connect(refund_changed, sender=Refund, dispatch_uid="wall-refund-d")
    post_save.connect(forget_wall_for, sender=PartnerTier, dispatch_uid="wall-tier-s")
    post_delete.connect(forget_wall_for, sender=PartnerTier, dispatch_uid="wall-tier-d")
    post_save.connect(
        wall_settings_saved, sender=SupportersWallSettings, dispatch_uid="wall-settings-s"
    )
    post_delete.connect(
        forget_wall_for, sender=SupportersWallSettings, dispatch_uid="wall-settings-d"
    )
    post_save.connect(forget_wall_cache_only, sender=SiteImage, dispatch_uid="wall-image-s")
    post_delete.connect(forget_wall_cache_only, sender=SiteImage, dispatch_uid="wall-image-d")
