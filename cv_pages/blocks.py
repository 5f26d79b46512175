"""Blocks of the CV: the repeatable parts a candidate's CV is made of.

Limits come from the programme's CV (see DOMAIN.md) and are enforced by the blocks
themselves, in the editor and again when the page is saved.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

SHORT_ITEM_MAX_LENGTH = 40
EXPERIENCE_DESCRIPTION_MAX_LENGTH = 2000


class ShortItemBlock(blocks.CharBlock):
    """A strength or a passion: a few words, 40 characters at most."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", SHORT_ITEM_MAX_LENGTH)
        super().__init__(**kwargs)

    class Meta:
        icon = "tick"
        template = "cv_pages/blocks/short_item.html"


class SkillBlock(blocks.CharBlock):
    """A know-how, as a short phrase ("Conduite de chariot élévateur")."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 80)
        super().__init__(**kwargs)

    class Meta:
        icon = "cog"
        template = "cv_pages/blocks/short_item.html"


class LanguageBlock(blocks.StructBlock):
    """A spoken language and how well the candidate speaks it."""

    language = blocks.CharBlock(label=_("langue"), max_length=40)
    level = blocks.ChoiceBlock(
        label=_("niveau"),
        choices=[
            ("native", _("langue maternelle")),
            ("fluent", _("courant")),
            ("intermediate", _("intermédiaire")),
            ("basic", _("notions")),
        ],
        default="fluent",
    )

    class Meta:
        icon = "globe"
        label = _("langue")
        template = "cv_pages/blocks/language.html"


class ExperienceBlock(blocks.StructBlock):
    """A past job or activity, paid or not."""

    title = blocks.CharBlock(label=_("poste ou activité"), max_length=100)
    organisation = blocks.CharBlock(
        label=_("structure"),
        max_length=100,
        required=False,
        help_text=_("Entreprise, association…"),
    )
    location = blocks.CharBlock(label=_("lieu"), max_length=80, required=False)
    period = blocks.CharBlock(
        label=_("période"),
        max_length=60,
        required=False,
        help_text=_("Par exemple « 2019 – 2022 »."),
    )
    description = blocks.TextBlock(
        label=_("description"),
        max_length=EXPERIENCE_DESCRIPTION_MAX_LENGTH,
        required=False,
        help_text=_("2 000 caractères au plus."),
    )

    class Meta:
        icon = "suitcase"
        label = _("expérience")
        template = "cv_pages/blocks/experience.html"


class TrainingBlock(blocks.StructBlock):
    """A training, diploma or certificate."""

    title = blocks.CharBlock(label=_("formation ou diplôme"), max_length=120)
    organisation = blocks.CharBlock(label=_("organisme"), max_length=100, required=False)
    period = blocks.CharBlock(label=_("année ou période"), max_length=60, required=False)
    description = blocks.TextBlock(label=_("description"), max_length=500, required=False)

    class Meta:
        icon = "bold"
        label = _("formation")
        template = "cv_pages/blocks/training.html"


class RecommendationBlock(blocks.StructBlock):
    """ "Ils me recommandent": a person who vouches for the candidate."""

    name = blocks.CharBlock(label=_("nom"), max_length=80)
    role = blocks.CharBlock(
        label=_("rôle"),
        max_length=120,
        help_text=_("Par exemple « Ancienne responsable d'équipe »."),
    )
    text = blocks.TextBlock(label=_("recommandation"), max_length=600)

    class Meta:
        icon = "openquote"
        label = _("recommandation")
        template = "cv_pages/blocks/recommendation.html"


class StrengthsBlock(blocks.StreamBlock):
    """Atouts: up to six short strengths."""

    strength = ShortItemBlock(label=_("atout"))

    class Meta:
        max_num = 6


class PassionsBlock(blocks.StreamBlock):
    """Passions: up to six short interests."""

    passion = ShortItemBlock(label=_("passion"))

    class Meta:
        max_num = 6


class SkillsBlock(blocks.StreamBlock):
    """Compétences: up to ten know-hows."""

    skill = SkillBlock(label=_("compétence"))

    class Meta:
        max_num = 10


class LanguagesBlock(blocks.StreamBlock):
    """Languages the candidate speaks."""

    language = LanguageBlock()

    class Meta:
        max_num = 8


class ExperiencesBlock(blocks.StreamBlock):
    """Experiences, most recent first."""

    experience = ExperienceBlock()

    class Meta:
        max_num = 10


class TrainingsBlock(blocks.StreamBlock):
    """Trainings and diplomas."""

    training = TrainingBlock()

    class Meta:
        max_num = 10


class RecommendationsBlock(blocks.StreamBlock):
    """Ils me recommandent: three people at most."""

    recommendation = RecommendationBlock()

    class Meta:
        max_num = 3
