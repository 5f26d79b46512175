"""StreamField blocks of the donation pages."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class PresetAmountBlock(blocks.StructBlock):
    """A suggested amount on the donation form, with what it makes possible ("50 € = …")."""

    amount = blocks.IntegerBlock(
        label=_("montant (euros)"),
        min_value=1,
        help_text=_("Un montant entier en euros, par exemple 50."),
    )
    impact = blocks.CharBlock(
        label=_("ce que ce don permet"),
        max_length=140,
        required=False,
        help_text=_("Une phrase courte et concrète : « un mois d'accompagnement par un coach »."),
    )

    class Meta:
        icon = "tag"
        label = _("montant proposé")
        template = "donations/blocks/preset_amount.html"
