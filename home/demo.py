"""Demo content for campaigns, content pages, menus and the home page (`manage.py load_demo`).

Builds, around the demo promotion: a current campaign (started three weeks ago, ending
in five) and last year's campaign of a pilot promotion, with their news; the partners
and supporters of partners/demo.py; the about, FAQ and legal pages; the menus and the
footer; the association's social links; and the home page's featured campaign, partner
strip and supporters wall. Shares of the promotions' CVs are spread over the campaigns'
days (CVShareDaily) so that the campaigns' figures are real.

Everything is created once: a second run finds what exists (by slug, or because the
setting is already filled in) and keeps staff's edits.
"""

import datetime
import random

from django.db import transaction
from django.utils import timezone
from wagtail.models import Site

from cv_pages.demo_data import COHORT
from cv_pages.models import Cohort, CVIndexPage, CVPage, Region
from cv_pages.models.sharing import CVShareDaily, ShareChannel
from partners import demo as partners_demo

from .models import (
    CampaignIndexPage,
    CampaignNewsPage,
    CampaignPage,
    HomePage,
    NavigationSettings,
    SiteIdentity,
    StandardPage,
)
from .page_cache import bump_version

# The pilot promotion, last year. Five of the hand-written candidates belong to it (by
# first name: load_demo's CV builder asks `cohort_slug_for`).
PAST_COHORT = {
    "name": "Promotion pilote",
    "slug": "promotion-pilote",
    "starts_days_ago": 420,
    "duration_days": 182,
    "description": (
        "La toute première promotion : quinze candidats, de Lyon à Paris, lancés autour "
        "d'une campagne de partage qui a montré que le réseau des uns peut devenir "
        "celui des autres."
    ),
    "members": ("Samira", "Moussa", "Céline", "Thierry", "Leïla"),
}

VIDEO_URL = "https://www.youtube.com/watch?v=aqz-KE-bpKQ"

CAMPAIGN_INDEX = {
    "title": "Campagnes",
    "slug": "campagnes",
    "intro": (
        "<p>Chaque promotion de candidats est lancée avec une grande campagne de partage "
        "de CV. Suivez celle en cours, et voyez ce qu'ont donné les précédentes.</p>"
    ),
}

CURRENT_CAMPAIGN = {
    "title": "Promotion 1 : prêtez-leur votre réseau",
    "slug": "promotion-1",
    "intro": (
        "Vingt-cinq candidats de Paris et de Lille cherchent un emploi. Pendant deux mois, "
        "partagez leurs CV : un partage peut suffire à décrocher un entretien."
    ),
    "started_days_ago": 21,
    "ends_in_days": 35,
    "region": "ile-de-france",
    "goal_shares": 1000,
    "goal_hires": 10,
    "goal_amount": 50000,
}

PAST_CAMPAIGN = {
    "title": "Promotion pilote : la première campagne",
    "slug": "promotion-pilote",
    "intro": (
        "La campagne qui a tout lancé : des CV partagés des centaines de fois, et une "
        "majorité de candidats de retour au travail en moins de trois mois."
    ),
    "starts_after_cohort_days": 14,
    "duration_days": 60,
    "goal_shares": 100,
    "goal_hires": 3,
    "goal_amount": 5000,
}

# (days after the campaign's start, title, slug, summary, text); never after today.
NEWS = {
    "current": [
        (
            0,
            "Coup d'envoi de la campagne de la promotion 1",
            "coup-d-envoi",
            "Vingt-cinq candidats publient leur CV aujourd'hui. Objectif : mille partages "
            "et dix embauches d'ici la fin de la campagne.",
            "<p>Ce matin, les CV des candidats de la promotion 1 sont en ligne. Chacun a "
            "été écrit avec un coach bénévole et relu par l'équipe. Il ne manque plus "
            "qu'une chose : <b>votre réseau</b>.</p><p>Lisez leurs CV, partagez-les sur "
            "LinkedIn, par WhatsApp ou par e-mail : chaque partage compte.</p>",
        ),
        (
            10,
            "Déjà trois candidats en poste",
            "deja-trois-candidats-en-poste",
            "Dix jours après le lancement, trois candidats de la promotion ont signé un "
            "contrat, dont deux grâce à un CV partagé par un inconnu.",
            "<p>Mamadou a rejoint une plateforme logistique, Fatoumata un hôtel, "
            "Jean-Baptiste une entreprise du bâtiment. Tous les trois ont été contactés "
            "après le partage de leur CV par quelqu'un qu'ils ne connaissaient pas.</p>",
        ),
        (
            19,
            "Merci aux entreprises qui recrutent",
            "merci-aux-entreprises",
            "Transports Azur, Logistique du Nord et Propreté Éclat Services ont déjà "
            "proposé une vingtaine d'entretiens aux candidats de la promotion.",
            "<p>Les propositions arrivent chaque jour : entretiens, immersions, "
            "contrats en alternance. Les coachs préparent les candidats avec eux.</p>",
        ),
    ],
    "past": [
        (
            0,
            "Lancement de la promotion pilote",
            "lancement-de-la-promotion-pilote",
            "Quinze candidats, quinze coachs bénévoles et une idée simple : prêter son "
            "réseau à ceux qui l'ont perdu.",
            "<p>La première campagne du programme commence aujourd'hui. Nous avons besoin "
            "de vous pour faire circuler les CV.</p>",
        ),
        (
            75,
            "Le bilan de la campagne pilote",
            "bilan-de-la-campagne-pilote",
            "Des CV partagés des centaines de fois, près de trois cents propositions "
            "d'entreprises, et une majorité de candidats en poste.",
            "<p>La campagne pilote est terminée, et ses résultats ont dépassé nos "
            "espérances. Merci à tous ceux qui ont partagé, recruté ou donné.</p>"
            "<p>Rendez-vous pour la promotion 1 !</p>",
        ),
    ],
}

STANDARD_PAGES = [
    {
        "title": "À propos",
        "slug": "a-propos",
        "intro": (
            "Une association qui publie les CV de personnes en situation de précarité, "
            "et demande à chacun de prêter son réseau."
        ),
        "body": "about",
    },
    {
        "title": "Questions fréquentes",
        "slug": "questions-frequentes",
        "intro": "Partager un CV, recruter, donner, devenir coach : les réponses aux questions "
        "qu'on nous pose le plus souvent.",
        "body": "faq",
    },
    {
        "title": "Mentions légales",
        "slug": "mentions-legales",
        "intro": "Éditeur, hébergeur et propriété intellectuelle du site.",
        "body": "legal",
    },
    {
        "title": "Politique de confidentialité",
        "slug": "politique-de-confidentialite",
        "intro": "Quelles données nous recueillons, pourquoi, combien de temps, et vos droits.",
        "body": "privacy",
    },
]

DEMO_NOTICE = (
    "<p><b>Texte de démonstration, à adapter</b> : ce modèle doit être relu et complété "
    "par l'association (et son conseil) avant la mise en ligne.</p>"
)

FAQ = [
    (
        "Partager un CV, ça sert vraiment ?",
        "<p>Oui : la plupart des embauches du programme viennent d'un partage. Le CV atteint "
        "des personnes que le candidat ne connaît pas, et l'une d'elles connaît quelqu'un qui "
        "recrute.</p>",
    ),
    (
        "Comment proposer un emploi à un candidat ?",
        "<p>Sur chaque CV, le bouton « Proposer une opportunité » envoie votre proposition à "
        "l'équipe, qui la transmet au coach du candidat. Vous pouvez aussi faire une "
        "proposition générale depuis la page <i>Proposer un emploi</i>.</p>",
    ),
    (
        "Pourquoi ne voit-on que le prénom des candidats ?",
        "<p>Pour protéger leur vie privée : le nom de famille et les coordonnées ne sont "
        "jamais publiés. L'équipe met en relation les recruteurs et les candidats.</p>",
    ),
    (
        "Mon don est-il déductible des impôts ?",
        "<p>Oui. Un particulier déduit 66 % de son don dans la limite de 20 % de son revenu "
        "imposable ; une entreprise 60 % dans la limite de 20 000 € ou 0,5 % de son chiffre "
        "d'affaires. Le reçu fiscal arrive par e-mail.</p>",
    ),
    (
        "Comment devenir coach bénévole ?",
        "<p>Écrivez-nous : un coach accompagne un candidat pendant une promotion, environ "
        "deux heures par semaine, pour écrire le CV, préparer les entretiens et tenir bon "
        "pendant les premières semaines de travail.</p>",
    ),
    (
        "Mon entreprise peut-elle devenir partenaire ?",
        "<p>Oui : financement d'une promotion, recrutement, mécénat de compétences. "
        "Remplissez le formulaire « Devenir partenaire » de la page des partenaires.</p>",
    ),
    (
        "Comment apparaître sur le mur des soutiens ?",
        "<p>Cochez la case prévue lors de votre don, ou dans votre espace donateur. Votre "
        "nom s'affiche après vérification par l'équipe ; les montants restent privés.</p>",
    ),
]

SHARE_CHANNEL_WEIGHTS = [
    (ShareChannel.LINKEDIN, 40),
    (ShareChannel.WHATSAPP, 20),
    (ShareChannel.FACEBOOK, 15),
    (ShareChannel.EMAIL, 10),
    (ShareChannel.COPY, 10),
    (ShareChannel.X, 5),
]

SOCIAL_LINKS = {
    "linkedin_url": "https://www.linkedin.com/company/example",
    "facebook_url": "https://www.facebook.com/example",
    "instagram_url": "https://www.instagram.com/example",
    "youtube_url": "https://www.youtube.com/@example",
}
DEFAULT_SHARE_TEXT = (
    "Je soutiens la promotion 1 de LinkedOut : lisez et partagez un CV, vous pouvez "
    "changer une vie. #LinkedOut"
)
CONTACT_EMAIL = "contact@linkedout.example"


# ---------------------------------------------------------------------------
# Entry point
# ---------------------------------------------------------------------------


def cohort_slug_for(first_name):
    """The cohort of a hand-written candidate: the pilot's members, else None (current)."""
    return PAST_COHORT["slug"] if first_name in PAST_COHORT["members"] else None


def load(donation_page, stdout=None):
    """Campaigns, partners, supporters, content pages, menus and the home page's sections.

    Returns what it created, for the command's summary.
    """
    home = HomePage.objects.first()
    index = CVIndexPage.objects.child_of(home).first()
    when = timezone.localdate()
    with transaction.atomic():
        # The demo promotion, or whichever is newest if staff renamed it.
        current_cohort = (
            Cohort.objects.filter(slug=COHORT["slug"]).first() or Cohort.objects.first()
        )
        past_cohort = ensure_past_cohort(when)
        tiers = partners_demo.ensure_tiers()
        partners = partners_demo.ensure_partners(tiers, when)

        campaign_index, first_time = ensure_campaign_index(home)
        current, past = ensure_campaigns(
            campaign_index,
            current_cohort,
            past_cohort,
            donation_page,
            index,
            partners,
            when,
        )
        partners_demo.link_funding(
            partners,
            {"current": current, "past": past},
            {"current": current_cohort, "past": past_cohort},
        )
        partner_index = partners_demo.ensure_partner_pages(home, partners)
        count_gifts_for(donation_page, current)
        supporters = partners_demo.ensure_supporters(donation_page, current, past, when)
        shares = ensure_campaign_shares(current, when) + ensure_campaign_shares(past, when)
        pages = ensure_standard_pages(home, index, donation_page)
        site = Site.objects.get(is_default_site=True)
        ensure_navigation(site, index, campaign_index, partner_index, donation_page, pages)
        ensure_identity(site)
        if first_time:
            feature_on_home(home, current)
    if supporters or shares:
        # Rows written in bulk send no signal: forget the pages cached without them.
        bump_version()
    summary = {"supporters": supporters, "share_rows": shares}
    if stdout is not None and (supporters or shares or first_time):
        stdout.write(
            f"Campagnes, partenaires et soutiens chargés : {supporters} soutiens, "
            f"{shares} lignes de partages."
        )
    return summary


# ---------------------------------------------------------------------------
# Cohort and campaigns
# ---------------------------------------------------------------------------


def ensure_past_cohorts():
    """{slug: cohort} of the earlier promotions, for load_demo's CV builder."""
    cohort = ensure_past_cohort()
    return {cohort.slug: cohort}


def ensure_past_cohort(when=None):
    when = when or timezone.localdate()
    start = when - datetime.timedelta(days=PAST_COHORT["starts_days_ago"])
    cohort, _created = Cohort.objects.get_or_create(
        slug=PAST_COHORT["slug"],
        defaults={
            "name": PAST_COHORT["name"],
            "start_date": start,
            "end_date": start + datetime.timedelta(days=PAST_COHORT["duration_days"]),
            "description": PAST_COHORT["description"],
        },
    )
    return cohort


def ensure_campaign_index(home):
    """/campagnes/, and whether it was created now (the demo's first load of campaigns)."""
    index = CampaignIndexPage.objects.child_of(home).filter(slug=CAMPAIGN_INDEX["slug"]).first()
    if index is not None:
        return index, False
    index = CampaignIndexPage(
        title=CAMPAIGN_INDEX["title"],
        slug=CAMPAIGN_INDEX["slug"],
        intro=CAMPAIGN_INDEX["intro"],
        search_description=(
            "Les campagnes de partage de CV : celle en cours, ses chiffres en direct, et "
            "les précédentes."
        ),
    )
    home.add_child(instance=index)
    index.save_revision().publish()
    return index, True


def button(label, page=None, url="", style="primary"):
    return {"label": label, "page": page.pk if page else None, "url": url, "style": style}


def current_campaign_body(donation_page, cv_index, partners):
    return [
        {
            "type": "hero",
            "value": {
                "title": "Vingt-cinq candidats, un seul besoin : votre réseau",
                "text": (
                    "Ils ont perdu leur travail, leur logement ou leur pays, jamais leur envie "
                    "de travailler. Lisez leurs CV et partagez-les : c'est gratuit, et ça marche."
                ),
                "image": None,
                "links": [
                    button("Lire et partager les CV", cv_index),
                    button("Faire un don", donation_page, style="secondary"),
                ],
            },
        },
        {
            "type": "text",
            "value": {
                "heading": "Pourquoi cette campagne ?",
                "text": (
                    "<p>Quand on a connu la rue, le chômage de longue durée ou l'exil, ce qui "
                    "manque le plus pour retrouver un emploi, c'est un réseau. Pendant huit "
                    "semaines, nous vous demandons de prêter le vôtre aux candidats de la "
                    "promotion 1.</p><ul><li><b>Partagez</b> un CV sur vos réseaux ;</li>"
                    "<li><b>recrutez</b> ou faites suivre à qui recrute ;</li>"
                    "<li><b>donnez</b> pour financer l'accompagnement par les coachs.</li></ul>"
                ),
            },
        },
        {
            "type": "campaign_figures",
            "value": {
                "heading": "Où en est la campagne ?",
                "figures": ["shares", "hires", "money"],
            },
        },
        {
            "type": "featured_cvs",
            "value": {
                "heading": "Les candidats de la promotion",
                "mode": "cohort",
                "count": 6,
                "cvs": [],
                "show_all_link": True,
            },
        },
        {
            "type": "call_to_action",
            "value": {
                "heading": "Financez l'accompagnement d'un candidat",
                "text": (
                    "150 € financent un mois d'accompagnement par un coach bénévole. Votre "
                    "don est déductible à 66 % (particuliers) ou 60 % (entreprises)."
                ),
                "audience": "donors",
                "links": [button("Faire un don", donation_page)],
            },
        },
        {
            "type": "partner_strip",
            "value": {
                "heading": "Ils financent cette campagne",
                "selection": "campaign",
                "tier": None,
                "partners": [],
                "monochrome": False,
            },
        },
        {
            "type": "video",
            "value": {
                "url": VIDEO_URL,
                "title": "Une promotion, racontée par ses candidats (vidéo de démonstration)",
                "poster": None,
                "transcript": (
                    "Vidéo de démonstration : un court film d'animation libre de droits, "
                    "à remplacer par le film de la campagne. Rien n'est chargé depuis "
                    "YouTube avant que vous cliquiez sur lecture."
                ),
            },
        },
        {
            "type": "quote",
            "value": {
                "text": (
                    "Mon CV a été partagé plus de deux cents fois. C'est l'ami d'un ami qui "
                    "m'a appelé pour mon premier entretien depuis quatre ans."
                ),
                "author": "Mamadou D.",
                "role": "Promotion 1, aujourd'hui cariste en CDI",
            },
        },
        {"type": "testimony", "value": {"partner": partners["transports-azur"].pk}},
    ]


def past_campaign_body(donation_page, cv_index, partners):
    return [
        {
            "type": "hero",
            "value": {
                "title": "La campagne qui a tout lancé",
                "text": (
                    "Quinze candidats, quinze coachs bénévoles, des centaines de partages : "
                    "la preuve qu'un réseau prêté peut ramener vers l'emploi."
                ),
                "image": None,
                "links": [button("Lire les CV des candidats", cv_index)],
            },
        },
        {
            "type": "campaign_figures",
            "value": {"heading": "Le bilan", "figures": ["shares", "hires", "money"]},
        },
        {
            "type": "text",
            "value": {
                "heading": "Ce que nous avons appris",
                "text": (
                    "<p>Un CV court, digne et relu par un coach se partage facilement. Les "
                    "entreprises répondent quand on leur présente une personne, pas un "
                    "dossier. Et le partage le plus utile vient souvent d'un inconnu.</p>"
                ),
            },
        },
        {
            "type": "featured_cvs",
            "value": {
                "heading": "Les candidats de la promotion pilote",
                "mode": "cohort",
                "count": 6,
                "cvs": [],
                "show_all_link": False,
            },
        },
        {
            "type": "partner_strip",
            "value": {
                "heading": "Ils ont financé la campagne",
                "selection": "campaign",
                "tier": None,
                "partners": [],
                "monochrome": True,
            },
        },
        {
            "type": "quote",
            "value": {
                "text": (
                    "Je ne pensais pas qu'un simple partage pouvait aider. Trois semaines "
                    "plus tard, Samira travaillait dans mon équipe."
                ),
                "author": "Nadège F.",
                "role": "Cheffe de rang, a partagé un CV de la promotion pilote",
            },
        },
        {"type": "testimony", "value": {"partner": partners["fondation-horizon-emploi"].pk}},
    ]


def create_campaign(index, spec, cohort, start, end, body, donation_page, region=None):
    campaign = CampaignPage(
        title=spec["title"],
        slug=spec["slug"],
        intro=spec["intro"],
        cohort=cohort,
        start_date=start,
        end_date=end,
        region=region,
        goal_shares=spec["goal_shares"],
        goal_hires=spec["goal_hires"],
        goal_amount=spec["goal_amount"],
        donation_page=donation_page,
        body=body,
    )
    campaign.body.stream_block.clean(campaign.body)
    index.add_child(instance=campaign)
    campaign.save_revision().publish()
    return campaign


def ensure_campaigns(index, cohort, past_cohort, donation_page, cv_index, partners, when):
    """The current campaign and last year's, each with its news (created once)."""
    campaigns = CampaignPage.objects.child_of(index)
    current = campaigns.filter(slug=CURRENT_CAMPAIGN["slug"]).first()
    if current is None:
        start = when - datetime.timedelta(days=CURRENT_CAMPAIGN["started_days_ago"])
        current = create_campaign(
            index,
            CURRENT_CAMPAIGN,
            cohort,
            start,
            when + datetime.timedelta(days=CURRENT_CAMPAIGN["ends_in_days"]),
            current_campaign_body(donation_page, cv_index, partners),
            donation_page,
            region=Region.objects.filter(slug=CURRENT_CAMPAIGN["region"]).first(),
        )
        add_news(current, NEWS["current"], when)
    past = campaigns.filter(slug=PAST_CAMPAIGN["slug"]).first()
    if past is None:
        start = past_cohort.start_date + datetime.timedelta(
            days=PAST_CAMPAIGN["starts_after_cohort_days"]
        )
        past = create_campaign(
            index,
            PAST_CAMPAIGN,
            past_cohort,
            start,
            start + datetime.timedelta(days=PAST_CAMPAIGN["duration_days"]),
            past_campaign_body(donation_page, cv_index, partners),
            None,
        )
        add_news(past, NEWS["past"], when)
    return current, past


def add_news(campaign, items, when):
    for days, title, slug, summary, text in items:
        day = min(campaign.start_date + datetime.timedelta(days=days), when)
        news = CampaignNewsPage(
            title=title,
            slug=slug,
            date=day,
            intro=summary,
            body=[{"type": "text", "value": {"heading": "", "text": text}}],
        )
        campaign.add_child(instance=news)
        revision = news.save_revision()
        revision.publish()
        # Published on its date, as if written then: the news feed orders by it.
        moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 30)))
        type(news).objects.filter(pk=news.pk).update(
            first_published_at=moment, last_published_at=moment
        )


def count_gifts_for(donation_page, campaign):
    """Gifts made on the donation page count for the current campaign (unless staff chose)."""
    if donation_page.campaign_id is not None:
        return
    page = donation_page.get_latest_revision_as_object()
    page.campaign = campaign
    page.save_revision().publish()
    donation_page.campaign = campaign


def ensure_campaign_shares(campaign, when):
    """Spread each cohort CV's share count over the campaign's days, as daily rows.

    Skipped when the cohort's CVs already have daily rows (real or from an earlier run).
    """
    cvs = list(
        CVPage.objects.filter(cohort_id=campaign.cohort_id, share_count__gt=0).values_list(
            "pk", "slug", "share_count"
        )
    )
    if not cvs or CVShareDaily.objects.filter(cv_id__in=[pk for pk, *_ in cvs]).exists():
        return 0
    days = partners_demo.campaign_days(campaign, when)
    channels = [channel for channel, _weight in SHARE_CHANNEL_WEIGHTS]
    weights = [weight for _channel, weight in SHARE_CHANNEL_WEIGHTS]
    rows = {}
    for pk, slug, share_count in cvs:
        rng = random.Random(f"shares-{slug}")
        for _share in range(share_count):
            # More shares in the first days of a campaign, as in real ones.
            day = days[min(int(rng.expovariate(4 / len(days))), len(days) - 1)]
            key = (pk, rng.choices(channels, weights)[0], day)
            rows[key] = rows.get(key, 0) + 1
    CVShareDaily.objects.bulk_create(
        [
            CVShareDaily(cv_id=pk, channel=channel, day=day, count=count)
            for (pk, channel, day), count in rows.items()
        ],
        batch_size=1000,
    )
    return len(rows)


# ---------------------------------------------------------------------------
# Content pages, menus, identity
# ---------------------------------------------------------------------------


def text(heading, html):
    return {"type": "text", "value": {"heading": heading, "text": html}}


def about_body(cv_index, donation_page):
    return [
        text(
            "Notre mission",
            "<p>Nous publions les CV de personnes en situation de précarité — chômage de "
            "longue durée, vie à la rue, exil — qui sont prêtes à travailler. Et nous "
            "demandons à chacun de <b>les partager</b>, pour que ceux qui ont perdu leur "
            "réseau empruntent le nôtre.</p>",
        ),
        text(
            "Comment ça marche",
            "<ol><li>Chaque candidat est accompagné par un <b>coach bénévole</b>, avec qui "
            "il écrit un CV court et digne.</li><li>L'équipe relit et publie le CV ; seuls "
            "le prénom et l'initiale du nom apparaissent.</li><li>Une campagne de partage "
            "lance chaque promotion ; les entreprises proposent des emplois, l'équipe les "
            "transmet au coach.</li></ol>",
        ),
        {
            "type": "counters",
            "value": {
                "heading": "Le programme en chiffres",
                "counters": ["published", "employed", "shared"],
            },
        },
        text(
            "L'association",
            "<p>Lors du pilote, 11 candidats sur 15 ont retrouvé un emploi en moins de "
            "trois mois, et les entreprises ont fait près de 300 propositions. Le programme "
            "est financé à 60 % par le programme national d'inclusion, le reste par des "
            "fondations et des dons d'entreprises et de particuliers.</p>",
        ),
        {
            "type": "partner_strip",
            "value": {
                "heading": "Avec le soutien de",
                "selection": "all",
                "tier": None,
                "partners": [],
                "monochrome": True,
            },
        },
        {
            "type": "call_to_action_group",
            "value": {
                "items": [
                    {
                        "heading": "Partagez un CV",
                        "text": "Le geste le plus simple, et celui qui change tout.",
                        "audience": "visitors",
                        "links": [button("Lire les CV", cv_index)],
                    },
                    {
                        "heading": "Soutenez le programme",
                        "text": "Votre don finance l'accompagnement des candidats.",
                        "audience": "donors",
                        "links": [button("Faire un don", donation_page)],
                    },
                ]
            },
        },
    ]


def faq_body(cv_index, donation_page):
    return [
        {
            "type": "faq",
            "value": {
                "heading": "Vos questions",
                "items": [{"question": q, "answer": answer} for q, answer in FAQ],
            },
        },
        text(
            "Une autre question ?",
            f'<p>Écrivez-nous à <a href="mailto:{CONTACT_EMAIL}">{CONTACT_EMAIL}</a> : '
            "l'équipe vous répond sous quelques jours.</p>",
        ),
    ]


def legal_body(cv_index, donation_page):
    return [
        text("", DEMO_NOTICE),
        text(
            "Éditeur du site",
            "<p>Association LinkedOut (démonstration), association loi de 1901 reconnue "
            "d'intérêt général, 12 rue de l'Exemple, 75011 Paris. Directrice de la "
            f"publication : la présidente de l'association. Contact : {CONTACT_EMAIL}.</p>",
        ),
        text(
            "Hébergement",
            "<p>Indiquez ici le nom, l'adresse et le téléphone de l'hébergeur du site.</p>",
        ),
        text(
            "Propriété intellectuelle",
            "<p>Les textes des CV appartiennent à leurs auteurs, qui en autorisent la "
            "publication sur ce site. Les portraits de la démonstration sont des "
            "illustrations générées, pas des photos de personnes réelles.</p>",
        ),
    ]


def privacy_body(cv_index, donation_page):
    return [
        text("", DEMO_NOTICE),
        text(
            "Données des candidats",
            "<p>Nous publions le prénom, l'initiale du nom, le CV et, avec leur accord, la "
            "photo des candidats. Leur nom de famille, leur e-mail, leur téléphone et leur "
            "adresse ne sont jamais publiés ; ils servent à l'équipe et au coach.</p>",
        ),
        text(
            "Partages et visites",
            "<p>Nous comptons les partages et les visites sans cookie de mesure d'audience "
            "et sans donnée personnelle : une empreinte anonyme, changée chaque jour, évite "
            "de compter deux fois le même partage.</p>",
        ),
        text(
            "Donateurs",
            "<p>Les coordonnées des donateurs servent à établir les reçus fiscaux, "
            "conservés le temps exigé par la loi. Le nom d'un donateur n'apparaît sur le "
            "mur des soutiens que s'il l'a demandé, après vérification par l'équipe.</p>",
        ),
        text(
            "Vos droits",
            "<p>Vous pouvez accéder à vos données, les faire corriger ou supprimer, en "
            f"écrivant à {CONTACT_EMAIL}. Vous pouvez aussi saisir la CNIL.</p>",
        ),
    ]


BODIES = {"about": about_body, "faq": faq_body, "legal": legal_body, "privacy": privacy_body}


def ensure_standard_pages(home, cv_index, donation_page):
    """About, FAQ, legal notice and privacy policy under the home page, by slug."""
    pages = {}
    for spec in STANDARD_PAGES:
        page = StandardPage.objects.child_of(home).filter(slug=spec["slug"]).first()
        if page is None:
            page = StandardPage(
                title=spec["title"],
                slug=spec["slug"],
                intro=spec["intro"],
                body=BODIES[spec["body"]](cv_index, donation_page),
            )
            page.body.stream_block.clean(page.body)
            home.add_child(instance=page)
            page.save_revision().publish()
        pages[spec["slug"]] = page
    return pages


def link(label, page=None, url=""):
    return {
        "type": "link",
        "value": {"label": label, "page": page.pk if page else None, "url": url},
    }


def ensure_navigation(site, cv_index, campaign_index, partner_index, donation_page, pages):
    """Menu, footer and legal links, each filled in only while it is empty."""
    navigation = NavigationSettings.for_site(site)
    propose = "/opportunites/proposer/"
    changed = []
    if not navigation.main_menu:
        navigation.main_menu = [
            link("Les candidats", cv_index),
            link("Campagnes", campaign_index),
            link("Partenaires", partner_index),
            link("Proposer un emploi", url=propose),
            link("Faire un don", donation_page),
        ]
        changed.append("main_menu")
    if not navigation.footer_columns:
        columns = [
            (
                "Le programme",
                [
                    link("À propos", pages["a-propos"]),
                    link("Les candidats", cv_index),
                    link("Campagnes", campaign_index),
                    link("Questions fréquentes", pages["questions-frequentes"]),
                ],
            ),
            (
                "S'engager",
                [
                    link("Partager un CV", cv_index),
                    link("Proposer un emploi", url=propose),
                    link("Faire un don", donation_page),
                    link("Devenir partenaire", partner_index),
                ],
            ),
            (
                "L'association",
                [
                    link("Nos partenaires", partner_index),
                    link("Espace donateur", url="/espace-donateur/"),
                ],
            ),
        ]
        navigation.footer_columns = [
            {
                "type": "column",
                "value": {"heading": heading, "links": [item["value"] for item in links]},
            }
            for heading, links in columns
        ]
        changed.append("footer_columns")
    if not navigation.legal_links:
        navigation.legal_links = [
            link("Mentions légales", pages["mentions-legales"]),
            link("Politique de confidentialité", pages["politique-de-confidentialite"]),
        ]
        changed.append("legal_links")
    if changed:
        navigation.save(update_fields=changed)
    return navigation


def ensure_identity(site):
    """Social links and share text, only where nothing has been filled in yet."""
    identity = SiteIdentity.for_site(site)
    changed = []
    if not any(getattr(identity, field) for field, _name in SiteIdentity.SOCIAL_NETWORKS):
        for field, url in SOCIAL_LINKS.items():
            setattr(identity, field, url)
            changed.append(field)
    if not identity.contact_email:
        identity.contact_email = CONTACT_EMAIL
        changed.append("contact_email")
    if identity.default_share_text == SiteIdentity._meta.get_field("default_share_text").default:
        identity.default_share_text = DEFAULT_SHARE_TEXT
        changed.append("default_share_text")
    if changed:
        identity.save(update_fields=changed)
    return identity


def feature_on_home(home, campaign):
    """On the demo's first load of campaigns: feature the current one on the home page and
    thank partners and supporters at its foot (blocks added only if missing)."""
    home = home.get_latest_revision_as_object()
    home.featured_campaign = campaign
    present = {block.block_type for block in home.body}
    added = []
    if "partner_strip" not in present:
        added.append(
            {
                "type": "partner_strip",
                "value": {
                    "heading": "Nos partenaires",
                    "selection": "all",
                    "tier": None,
                    "partners": [],
                    "monochrome": False,
                },
            }
        )
    if "supporters_wall" not in present:
        added.append(
            {
                "type": "supporters_wall",
                "value": {
                    "heading": "Ils nous soutiennent",
                    "text": (
                        "Entreprises et particuliers : merci à tous les donateurs qui ont "
                        "accepté d'apparaître ici."
                    ),
                    "limit": None,
                },
            }
        )
    if added:
        home.body = [*home.body.raw_data, *added]
        home.body.stream_block.clean(home.body)
    home.save_revision().publish()
