"""Demo content for partners and supporters, created by `manage.py load_demo`.

Everything here is invented, websites included (example.org / example.com domains).
Partners span every tier and kind, with logos of every shape drawn locally
(partners/demo_logos.py); one partnership has ended, to show that it disappears from
the site. Supporters are donors who opted in to the wall: most are approved, two wait
for staff, and their gifts (with a refund and a failed debit) are recorded directly in
the ledger, with fake Stripe identifiers and no call to Stripe.

Every function is safe to run again: rows are found by their slug, e-mail or fake
Stripe identifier before anything is created, and what exists is left as it is.
"""

import datetime

from django.utils import timezone
from wagtail.images import get_image_model

from donations.models import (
    Donation,
    DonationFrequency,
    DonationStatus,
    Donor,
    DonorKind,
    Payment,
    PaymentStatus,
    Refund,
)
from donations.models.ledger import PaymentMethod

from .demo_logos import raster_logo, save_logo, svg_logo
from .models import Partner, PartnerIndexPage, PartnerKind, PartnerPage, PartnerTier

# (name, display order, logo size in pixels, supporters' threshold in euros or None)
TIERS = [
    ("Partenaires fondateurs", 10, 110, None),
    ("Grands mécènes", 20, 88, 10000),
    ("Mécènes", 30, 72, 2000),
    ("Soutiens", 40, 56, 100),
]
FOUNDERS, MAJOR, PATRONS, SUPPORTERS = (tier[0] for tier in TIERS)

# logo: (format, shape, with a monochrome variant); funds: what the partner finances
# ("current" and "past" campaigns, and their cohorts).
PARTNERS = [
    {
        "slug": "fondation-horizon-emploi",
        "name": "Fondation Horizon Emploi",
        "kind": PartnerKind.FOUNDATION,
        "tier": FOUNDERS,
        "logo": ("png", "square", True),
        "since": 2019,
        "website": "https://fondation-horizon-emploi.example.org/",
        "description": (
            "Fondation d'entreprise engagée depuis la première heure : elle finance "
            "l'accompagnement des candidats par les coachs bénévoles et les campagnes de "
            "partage de chaque promotion."
        ),
        "testimony": (
            "Nous cherchions un programme où chaque euro se voit dans une vie qui change. "
            "Ici, on peut mettre un prénom sur chaque embauche.",
            "Véronique Lemaître",
            "Déléguée générale de la Fondation Horizon Emploi",
        ),
        "funds": ("current", "past"),
    },
    {
        "slug": "fondation-solstice",
        "name": "Fondation Solstice pour l'inclusion",
        "kind": PartnerKind.FOUNDATION,
        "tier": FOUNDERS,
        "logo": ("svg", "wide", True),
        "since": 2020,
        "website": "https://fondation-solstice.example.org/",
        "description": (
            "La fondation du groupe Solstice soutient l'insertion professionnelle des "
            "personnes réfugiées et des jeunes sans réseau, partout en France."
        ),
        "testimony": (
            "Le réseau, c'est ce qui manque le plus quand on repart de zéro. Le prêter "
            "ne coûte rien à nos salariés, et ça change tout pour les candidats.",
            "Idriss Benamar",
            "Président de la Fondation Solstice",
        ),
        "funds": ("current",),
    },
    {
        "slug": "agence-nationale-inclusion",
        "name": "Agence nationale pour l'inclusion",
        "kind": PartnerKind.PUBLIC,
        "tier": FOUNDERS,
        "logo": ("png", "wide", True),
        "since": 2019,
        "website": "https://inclusion.example.org/",
        "description": (
            "Établissement public (fictif) chargé du programme national d'inclusion dans "
            "l'emploi : il finance une grande partie de chaque promotion."
        ),
        "funds": ("current", "past"),
    },
    {
        "slug": "transports-azur",
        "name": "Transports Azur",
        "kind": PartnerKind.COMPANY,
        "tier": MAJOR,
        "logo": ("png", "wide", True),
        "since": 2021,
        "website": "https://www.transports-azur.example.com/",
        "has_hired": True,
        "description": (
            "Transporteur régional de voyageurs : quatre candidats recrutés comme agents "
            "d'accueil et conducteurs en formation."
        ),
        "testimony": (
            "Nous avons reçu des candidats motivés, préparés, et suivis par leur coach "
            "pendant les premières semaines. Trois sont aujourd'hui en CDI.",
            "Laurence Pichon",
            "Directrice des ressources humaines, Transports Azur",
        ),
        "funds": ("current",),
    },
    {
        "slug": "groupe-batir-ensemble",
        "name": "Groupe Bâtir Ensemble",
        "kind": PartnerKind.COMPANY,
        "tier": MAJOR,
        "logo": ("png", "tall", True),
        "since": 2022,
        "website": "https://batir-ensemble.example.com/",
        "has_hired": True,
        "description": (
            "Entreprise de construction et de rénovation : elle ouvre ses chantiers aux "
            "immersions professionnelles (PMSMP) et recrute à l'issue."
        ),
        "funds": ("current",),
    },
    {
        "slug": "fondation-ateliers-du-lien",
        "name": "Fondation Les Ateliers du Lien",
        "kind": PartnerKind.FOUNDATION,
        "tier": MAJOR,
        "logo": ("png", "square", False),
        "since": 2023,
        "website": "https://ateliers-du-lien.example.org/",
        "description": (
            "Fondation abritée qui finance des ateliers de préparation aux entretiens et "
            "des séances photo pour les CV des candidats."
        ),
    },
    {
        "slug": "logistique-du-nord",
        "name": "Logistique du Nord",
        "kind": PartnerKind.COMPANY,
        "tier": PATRONS,
        "logo": ("png", "wide", True),
        "since": 2022,
        "website": "https://www.logistique-du-nord.example.com/",
        "has_hired": True,
        "description": (
            "Plateformes logistiques près de Lille : caristes, préparateurs de commandes et "
            "chefs d'équipe recrutés parmi les candidats."
        ),
        "testimony": (
            "Un CV partagé par un collègue, un entretien la semaine suivante : Mamadou est "
            "devenu l'un de nos meilleurs caristes.",
            "Bruno Wattez",
            "Responsable de site, Logistique du Nord",
        ),
    },
    {
        "slug": "hotels-belle-etoile",
        "name": "Hôtels Belle Étoile",
        "kind": PartnerKind.COMPANY,
        "tier": PATRONS,
        "logo": ("png", "square", True),
        "since": 2023,
        "website": "https://hotels-belle-etoile.example.com/",
        "has_hired": True,
        "description": (
            "Groupe hôtelier indépendant : réception, étages et restauration, avec un "
            "tuteur pour chaque candidat recruté."
        ),
    },
    {
        "slug": "metropole-exemple",
        "name": "Métropole de Villeneuve-Exemple",
        "kind": PartnerKind.PUBLIC,
        "tier": PATRONS,
        "logo": ("png", "tall", False),
        "since": 2021,
        "website": "https://www.metropole-villeneuve.example.org/",
        "description": (
            "Collectivité (fictive) qui met à disposition des salles pour les ateliers et "
            "relaie les CV auprès des entreprises de son territoire."
        ),
    },
    {
        "slug": "restos-solidaires",
        "name": "Restos Solidaires",
        "kind": PartnerKind.ASSOCIATION,
        "tier": SUPPORTERS,
        "logo": ("svg", "square", False),
        "since": 2022,
        "website": "https://restos-solidaires.example.org/",
        "description": (
            "Association d'aide alimentaire : ses bénévoles orientent vers le programme les "
            "personnes prêtes à reprendre un emploi."
        ),
    },
    {
        "slug": "reseau-coup-de-pouce",
        "name": "Réseau Coup de Pouce",
        "kind": PartnerKind.ASSOCIATION,
        "tier": SUPPORTERS,
        "logo": ("png", "wide", False),
        "since": 2024,
        "website": "https://coup-de-pouce.example.org/",
        "description": (
            "Réseau d'entraide entre anciens candidats et salariés en poste : parrainage, "
            "conseils et coups de main pour les premières semaines."
        ),
    },
    {
        "slug": "fc-belleville",
        "name": "FC Belleville Sport",
        "kind": PartnerKind.SPORTS_CLUB,
        "tier": SUPPORTERS,
        "logo": ("png", "square", True),
        "since": 2023,
        "website": "https://fc-belleville.example.org/",
        "description": (
            "Club de football amateur : ses joueurs et supporters partagent les CV à chaque "
            "match, et le club accueille des séances de préparation collective."
        ),
        "testimony": (
            "Partager un CV, c'est comme faire une passe décisive : c'est un autre qui "
            "marque, mais c'est toute l'équipe qui gagne.",
            "Sékou Diarra",
            "Président du FC Belleville Sport",
        ),
    },
    {
        "slug": "proprete-eclat-services",
        "name": "Propreté Éclat Services",
        "kind": PartnerKind.COMPANY,
        "tier": SUPPORTERS,
        "logo": ("png", "tall", True),
        "since": 2024,
        "website": "https://eclat-services.example.com/",
        "has_hired": True,
        "description": (
            "Entreprise de propreté : agents d'entretien et chefs d'équipe recrutés en CDI, "
            "avec des horaires compatibles avec la vie de famille."
        ),
    },
    {
        # An ended partnership: it stays in the admin but disappears from the site.
        "slug": "imprimerie-dumas",
        "name": "Imprimerie Dumas & Fils",
        "kind": PartnerKind.COMPANY,
        "tier": SUPPORTERS,
        "logo": ("png", "wide", False),
        "since": 2021,
        "website": "https://imprimerie-dumas.example.com/",
        "description": (
            "Imprimerie familiale qui a imprimé gratuitement les affiches des premières campagnes."
        ),
        "ended_days_ago": 45,
    },
]

PARTNER_INDEX = {
    "title": "Nos partenaires",
    "slug": "partenaires",
    "intro": (
        "<p>Fondations, entreprises, collectivités, associations et clubs : ils financent "
        "l'accompagnement des candidats, ouvrent leurs portes aux entretiens et "
        "<b>partagent les CV</b> autour d'eux. Merci à eux.</p>"
    ),
    "become_partner_text": (
        "<p>Votre entreprise ou votre fondation veut financer une promotion, recruter des "
        "candidats ou proposer du mécénat de compétences ? Écrivez-nous : l'équipe vous "
        "répond sous une semaine. Les contreparties restent dans les limites du mécénat.</p>"
    ),
}

# A page for each partner foundation: its story and quotes.
PARTNER_PAGES = {
    "fondation-horizon-emploi": {
        "story": (
            "<p>La Fondation Horizon Emploi a rejoint le programme dès la promotion pilote, "
            "quand quinze candidats seulement publiaient leur CV. Elle a financé la "
            "formation des premiers coachs bénévoles et la toute première campagne de "
            "partage.</p>"
            "<h3>Ce qu'elle finance</h3>"
            "<ul><li>l'accompagnement de chaque candidat par un coach bénévole ;</li>"
            "<li>les campagnes de partage des promotions ;</li>"
            "<li>les séances photo et la relecture des CV.</li></ul>"
            "<p>Ses salariés participent aussi : chacun s'engage à partager au moins trois "
            "CV par promotion.</p>"
        ),
        "quotes": [
            (
                "Nous voulions financer quelque chose de concret. Aujourd'hui, nous "
                "connaissons les prénoms des candidats qui ont retrouvé un emploi.",
                "Véronique Lemaître",
                "Déléguée générale de la fondation",
            ),
            (
                "Grâce au financement de la fondation, j'ai pu suivre mon candidat chaque "
                "semaine pendant trois mois, jusqu'à sa première paie.",
                "Étienne M.",
                "Coach bénévole",
            ),
        ],
    },
    "fondation-solstice": {
        "story": (
            "<p>La Fondation Solstice soutient le programme depuis 2020, avec une attention "
            "particulière aux candidats réfugiés : cours de français professionnel, "
            "reconnaissance des diplômes, premières expériences en France.</p>"
            "<p>Pour la promotion 1, elle finance la campagne de partage et mobilise les "
            "salariés du groupe, invités à relayer les CV sur leurs réseaux.</p>"
        ),
        "quotes": [
            (
                "Ce programme ne demande pas la charité : il demande un réseau. C'est ce que "
                "nous avons de plus précieux à offrir.",
                "Idriss Benamar",
                "Président de la Fondation Solstice",
            ),
            (
                "Une salariée de Solstice a partagé mon CV. Deux semaines plus tard, "
                "j'avais trois entretiens.",
                "Oleksandr P.",
                "Candidat de la promotion 1",
            ),
        ],
    },
}

# Donors who opted in to the supporters wall, and a few who did not. Amounts in euros;
# "gifts": one-off gifts for the current campaign; "monthly": (amount, payments made);
# "past": gifts to last year's campaign; "refund": refunded part of the first gift;
# "logo": shape of a generated logo (companies only).
SUPPORTERS_DATA = [
    {
        "key": "fournil-dor",
        "kind": DonorKind.COMPANY,
        "legal_name": "Boulangeries Le Fournil d'Or SAS",
        "display_name": "Boulangeries Le Fournil d'Or",
        "gifts": [12000],
        "past": [5000],
        "logo": "square",
    },
    {
        "key": "lumen-avocats",
        "kind": DonorKind.COMPANY,
        "legal_name": "Cabinet Lumen Avocats SELARL",
        "display_name": "Cabinet Lumen Avocats",
        "gifts": [5000],
        "logo": "wide",
    },
    {
        "key": "verde-paysages",
        "kind": DonorKind.COMPANY,
        "legal_name": "Atelier Verde Paysages SARL",
        "display_name": "Atelier Verde Paysages",
        "gifts": [2500],
        "logo": "tall",
    },
    {
        "key": "garage-du-centre",
        "kind": DonorKind.COMPANY,
        "legal_name": "Garage du Centre SARL",
        "display_name": "Garage du Centre",
        "gifts": [1200],
        "logo": "wide",
    },
    {
        "key": "page-blanche",
        "kind": DonorKind.COMPANY,
        "legal_name": "Librairie La Page Blanche SARL",
        "display_name": "Librairie La Page Blanche",
        "gifts": [600],
        # Below the wall's logo threshold: its name shows, its logo does not.
        "logo": "square",
    },
    {
        "key": "informatique-solidaire",
        "kind": DonorKind.COMPANY,
        "legal_name": "Informatique Solidaire SARL",
        "display_name": "Informatique Solidaire",
        "monthly": (250, 4),
        "logo": "wide",
    },
    {
        "key": "koala-tech",
        "kind": DonorKind.COMPANY,
        "legal_name": "Koala Tech SAS",
        "display_name": "Koala Tech",
        "gifts": [2000],
        "logo": "square",
        "approved": False,  # waits for staff: not on the wall yet
    },
    {
        "key": "brasserie-des-quais",
        "kind": DonorKind.COMPANY,
        "legal_name": "Brasserie des Quais SAS",
        "display_name": "Brasserie des Quais",
        "gifts": [300],
    },
    {"key": "claire-antoine", "first_name": "Claire", "last_name": "Morel",
     "display_name": "Claire et Antoine M.", "gifts": [500], "past": [200]},
    {"key": "famille-okafor", "first_name": "Chidi", "last_name": "Okafor",
     "display_name": "Famille Okafor", "gifts": [150]},
    {"key": "jeanne-d", "first_name": "Jeanne", "last_name": "Delorme",
     "display_name": "Jeanne D.", "gifts": [50]},
    {"key": "marc-l", "first_name": "Marc", "last_name": "Lucas",
     "display_name": "Marc L.", "gifts": [100]},
    {"key": "sophie-r", "first_name": "Sophie", "last_name": "Renaud",
     "display_name": "Sophie R.", "gifts": [2000]},
    {"key": "amis-de-paulette", "first_name": "Paulette", "last_name": "Garnier",
     "display_name": "Les amis de Paulette", "gifts": [250]},
    {"key": "yasmine-b", "first_name": "Yasmine", "last_name": "Brahimi",
     "display_name": "Yasmine B.", "monthly": (20, 4)},
    {"key": "thomas-g", "first_name": "Thomas", "last_name": "Girardot",
     "display_name": "Thomas G.", "gifts": [100]},
    {"key": "hugo-p", "first_name": "Hugo", "last_name": "Prévost",
     "display_name": "Hugo P.", "gifts": [75], "approved": False},
    {"key": "nathalie-karim", "first_name": "Nathalie", "last_name": "Haddad",
     "display_name": "Nathalie et Karim", "gifts": [200]},
    # A duplicate gift, refunded: the money raised counts it once.
    {"key": "pierre-yves-t", "first_name": "Pierre-Yves", "last_name": "Tanguy",
     "display_name": "Pierre-Yves T.", "gifts": [300, 300], "refund": (1, 300)},
    {"key": "lucie-v", "first_name": "Lucie", "last_name": "Vasseur",
     "display_name": "Lucie V.", "gifts": [40], "past": [40]},
    {"key": "olivier-f", "first_name": "Olivier", "last_name": "Fontaine",
     "display_name": "Olivier F.", "gifts": [500], "failed": 500},
    # Donors who did not opt in: their money counts, their names never show.
    {"key": "discret-1", "kind": DonorKind.COMPANY, "legal_name": "Société Discrète SA",
     "gifts": [4000], "wall": False},
    {"key": "discret-2", "first_name": "Bernard", "last_name": "Discret",
     "gifts": [1000], "wall": False},
    {"key": "discret-3", "first_name": "Agnès", "last_name": "Réservée",
     "monthly": (30, 3), "wall": False},
]  # fmt: skip

DEMO_ID_PREFIX = "demo"


def today():
    return timezone.localdate()


# ---------------------------------------------------------------------------
# Tiers and partners
# ---------------------------------------------------------------------------


def ensure_tiers():
    """The four tiers, by name; an existing tier keeps what staff changed."""
    tiers = {}
    for name, sort_order, logo_size, minimum in TIERS:
        tiers[name], _created = PartnerTier.objects.get_or_create(
            name=name,
            defaults={
                "sort_order": sort_order,
                "logo_size": logo_size,
                "supporter_minimum_amount": minimum,
            },
        )
    return tiers


def partner_logos(spec, seed):
    """(colour logo, monochrome logo or None), generated and stored."""
    image_model = get_image_model()
    file_format, shape, with_monochrome = spec["logo"]
    draw = svg_logo if file_format == "svg" else raster_logo
    name = spec["name"]
    logo = save_logo(image_model, f"Logo — {name} (démo)", draw(name, seed, shape), file_format)
    monochrome = None
    if with_monochrome:
        monochrome = save_logo(
            image_model,
            f"Logo monochrome — {name} (démo)",
            draw(name, seed, shape, monochrome=True),
            file_format,
        )
    return logo, monochrome


def ensure_partners(tiers, when=None):
    """The demo partners, by slug; logos are drawn only for partners created now."""
    when = when or today()
    partners = {}
    for seed, spec in enumerate(PARTNERS):
        partner = Partner.objects.filter(slug=spec["slug"]).first()
        if partner is None:
            logo, monochrome = partner_logos(spec, seed)
            quote, author, role = spec.get("testimony", ("", "", ""))
            ended = spec.get("ended_days_ago")
            partner = Partner.objects.create(
                slug=spec["slug"],
                name=spec["name"],
                kind=spec["kind"],
                tier=tiers.get(spec["tier"]),
                logo=logo,
                logo_monochrome=monochrome,
                short_description=spec["description"],
                website=spec["website"],
                partner_since=spec["since"],
                testimony_quote=quote,
                testimony_author=author,
                testimony_role=role,
                has_hired=spec.get("has_hired", False),
                active_from=(datetime.date(spec["since"], 1, 1) if ended else None),
                active_until=when - datetime.timedelta(days=ended) if ended else None,
            )
        partners[spec["slug"]] = partner
    return partners


def link_funding(partners, campaigns, cohorts):
    """What each partner funds: campaigns {"current"|"past": page}, cohorts likewise.

    Only for partners that fund nothing yet, so that staff's changes are kept.
    """
    for spec in PARTNERS:
        funds = spec.get("funds", ())
        partner = partners[spec["slug"]]
        if not funds or partner.funded_campaigns.exists() or partner.funded_cohorts.exists():
            continue
        partner.funded_campaigns.add(*(campaigns[key] for key in funds if campaigns.get(key)))
        partner.funded_cohorts.add(*(cohorts[key] for key in funds if cohorts.get(key)))


# ---------------------------------------------------------------------------
# Pages
# ---------------------------------------------------------------------------


def ensure_partner_pages(home, partners):
    """/partenaires/ and a page per partner foundation (created once; edits are kept)."""
    index = PartnerIndexPage.objects.child_of(home).filter(slug=PARTNER_INDEX["slug"]).first()
    if index is None:
        index = PartnerIndexPage(
            title=PARTNER_INDEX["title"],
            slug=PARTNER_INDEX["slug"],
            intro=PARTNER_INDEX["intro"],
            become_partner_text=PARTNER_INDEX["become_partner_text"],
            search_description=(
                "Les fondations, entreprises, collectivités et associations qui soutiennent "
                "le retour à l'emploi des candidats."
            ),
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    for slug, spec in PARTNER_PAGES.items():
        partner = partners[slug]
        if PartnerPage.objects.filter(partner=partner).exists():
            continue
        page = PartnerPage(
            title=partner.name,
            slug=slug,
            partner=partner,
            story=spec["story"],
            quotes=[
                ("quote", {"text": text, "author": author, "role": role})
                for text, author, role in spec["quotes"]
            ],
        )
        index.add_child(instance=page)
        page.save_revision().publish()
    return index


# ---------------------------------------------------------------------------
# Supporters: donors on the wall, and their gifts in the ledger
# ---------------------------------------------------------------------------


def supporter_email(key):
    return f"{key}@donateurs.example"


def donor_fields(spec, position):
    is_company = spec.get("kind") == DonorKind.COMPANY
    fields = {
        "kind": DonorKind.COMPANY if is_company else DonorKind.INDIVIDUAL,
        "address_line1": f"{position + 3} rue de l'Exemple",
        "postal_code": "75011" if position % 2 else "59000",
        "city": "Paris" if position % 2 else "Lille",
        "show_on_wall": spec.get("wall", True),
        "display_name": spec.get("display_name", ""),
        "wall_approved": spec.get("wall", True) and spec.get("approved", True),
    }
    if is_company:
        fields.update(
            legal_name=spec["legal_name"],
            legal_form=spec["legal_name"].rsplit(" ", 1)[-1],
            # Fictional SIREN numbers (valid Luhn key not needed for the demo).
            siret=f"9{position:02d}000{position:03d}",
            contact_name="Service communication",
        )
    else:
        fields.update(first_name=spec["first_name"], last_name=spec["last_name"])
    return fields


class LedgerWriter:
    """Writes donations and their payments with deterministic fake Stripe identifiers."""

    def __init__(self, donation_page, now):
        self.donation_page = donation_page
        self.now = now

    def moment(self, day, position):
        """A time of day on `day` (a date), never in the future."""
        moment = timezone.make_aware(
            datetime.datetime.combine(day, datetime.time(9 + position % 10, (position * 7) % 60))
        )
        return min(moment, self.now - datetime.timedelta(minutes=position + 1))

    def once(self, donor, number, amount, campaign, day, position, status=PaymentStatus.SUCCEEDED):
        reference = f"{DEMO_ID_PREFIX}_{number:04d}"
        paid_at = self.moment(day, position)
        succeeded = status == PaymentStatus.SUCCEEDED
        donation = Donation.objects.create(
            donor=donor,
            amount_cents=amount * 100,
            frequency=DonationFrequency.ONCE,
            status=DonationStatus.CONFIRMED if succeeded else DonationStatus.FAILED,
            page=self.donation_page,
            campaign=campaign,
            stripe_checkout_session_id=f"cs_{reference}",
            confirmed_at=paid_at if succeeded else None,
        )
        payment = Payment.objects.create(
            donation=donation,
            amount_cents=amount * 100,
            status=status,
            method=PaymentMethod.SEPA_DEBIT if not succeeded else PaymentMethod.CARD,
            stripe_payment_intent_id=f"pi_{reference}",
            stripe_charge_id=f"ch_{reference}",
            paid_at=paid_at if succeeded else None,
            failure_message="" if succeeded else "Prélèvement refusé par la banque (démo).",
        )
        Donation.objects.filter(pk=donation.pk).update(created_at=paid_at)
        return payment

    def monthly(self, donor, number, amount, payments, campaign, first_day, position):
        reference = f"{DEMO_ID_PREFIX}_{number:04d}"
        started = self.moment(first_day, position)
        donation = Donation.objects.create(
            donor=donor,
            amount_cents=amount * 100,
            frequency=DonationFrequency.MONTHLY,
            status=DonationStatus.ACTIVE,
            page=self.donation_page,
            campaign=campaign,
            stripe_checkout_session_id=f"cs_{reference}",
            stripe_subscription_id=f"sub_{reference}",
            confirmed_at=started,
        )
        for month in range(payments):
            paid_at = min(started + datetime.timedelta(days=30 * month), self.now)
            Payment.objects.create(
                donation=donation,
                amount_cents=amount * 100,
                status=PaymentStatus.SUCCEEDED,
                method=PaymentMethod.SEPA_DEBIT,
                stripe_invoice_id=f"in_{reference}_{month + 1:02d}",
                stripe_payment_intent_id=f"pi_{reference}_{month + 1:02d}",
                paid_at=paid_at,
            )
        Donation.objects.filter(pk=donation.pk).update(created_at=started)


def campaign_days(campaign, when):
    """The campaign's days so far (its whole span once it has ended)."""
    last = min(campaign.end_date, when) if campaign.end_date else when
    span = max((last - campaign.start_date).days, 0)
    return [campaign.start_date + datetime.timedelta(days=offset) for offset in range(span + 1)]


def ensure_supporters(donation_page, current, past=None, when=None):
    """Opted-in donors and their gifts, for the current campaign (and a few for the past
    one). A donor found by e-mail is left untouched, gifts included."""
    when = when or today()
    now = timezone.now()
    image_model = get_image_model()
    writer = LedgerWriter(donation_page, now)
    current_days = campaign_days(current, when)
    past_days = campaign_days(past, when) if past is not None else []
    created = 0
    number = 0
    for position, spec in enumerate(SUPPORTERS_DATA):
        # Numbers are fixed per supporter (ten per donor), whatever exists already.
        number = position * 10 + 1
        email = supporter_email(spec["key"])
        if Donor.objects.filter(email=email).exists():
            continue
        donor = Donor(email=email, **donor_fields(spec, position))
        if spec.get("logo"):
            donor.logo = save_logo(
                image_model,
                f"Logo — {spec['display_name']} (démo)",
                raster_logo(spec["display_name"], 100 + position, spec["logo"]),
                "png",
            )
        donor.save()
        created += 1
        payments = []
        for gift_index, amount in enumerate(spec.get("gifts", [])):
            # Spread over the campaign so far: a few gifts a day.
            day = current_days[(position * 3 + gift_index * 5) % len(current_days)]
            payments.append(writer.once(donor, number, amount, current, day, position))
            number += 1
        if spec.get("monthly"):
            amount, count = spec["monthly"]
            # Begun months before this campaign: outside any campaign, but the donor's
            # total (hence their tier on the wall) counts it.
            first_day = when - datetime.timedelta(days=30 * (count - 1) + position % 7)
            writer.monthly(donor, number, amount, count, None, first_day, position)
            number += 1
        if spec.get("failed"):
            writer.once(
                donor,
                number,
                spec["failed"],
                current,
                current_days[-1],
                position,
                status=PaymentStatus.FAILED,
            )
            number += 1
        for gift_index, amount in enumerate(spec.get("past", []) if past_days else []):
            day = past_days[(position * 4 + gift_index) % len(past_days)]
            writer.once(donor, number, amount, past, day, position)
            number += 1
        if spec.get("refund"):
            index, amount = spec["refund"]
            payment = payments[index]
            Refund.objects.create(
                payment=payment,
                stripe_refund_id=f"re_{DEMO_ID_PREFIX}_{position:04d}",
                amount_cents=amount * 100,
                reason="duplicate",
                refunded_at=min(payment.paid_at + datetime.timedelta(days=2), now),
            )
    return created
