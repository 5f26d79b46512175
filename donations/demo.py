"""Demo content for donations: the /don/ page, created by `manage.py load_demo`."""

from .models import DonationPage

DEMO_PAGE = {
    "title": "Faire un don",
    "slug": "don",
    "intro": (
        "<p>Chaque don finance l'accompagnement des candidats par leurs coachs bénévoles, "
        "la rédaction et la diffusion de leurs CV, et les ateliers qui préparent au retour "
        "à l'emploi. <b>Les entreprises déduisent 60 % de leur don</b> de leur impôt, les "
        "particuliers 66 %.</p>"
    ),
    "presets": [
        (30, "une séance de préparation à un entretien d'embauche"),
        (50, "la mise en ligne et la diffusion d'un CV"),
        (150, "un mois d'accompagnement d'un candidat par son coach"),
        (500, "l'accompagnement complet d'un candidat pendant une promotion"),
    ],
    "goal": 50000,
    "thank_you": (
        "<p>Grâce à vous, un candidat de plus retrouve un réseau. Et le geste le plus simple "
        "reste gratuit : partagez un CV autour de vous !</p>"
    ),
}


def ensure_donation_page(home):
    """The donation page under the home page (created once; an edited page is kept)."""
    page = DonationPage.objects.child_of(home).filter(slug=DEMO_PAGE["slug"]).first()
    if page is not None:
        return page
    page = DonationPage(
        title=DEMO_PAGE["title"],
        slug=DEMO_PAGE["slug"],
        intro=DEMO_PAGE["intro"],
        preset_amounts=[
            ("amount", {"amount": amount, "impact": impact})
            for amount, impact in DEMO_PAGE["presets"]
        ],
        minimum_amount=5,
        maximum_amount=10000,
        allow_once=True,
        allow_monthly=True,
        goal_amount=DEMO_PAGE["goal"],
        thank_you_text=DEMO_PAGE["thank_you"],
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page
