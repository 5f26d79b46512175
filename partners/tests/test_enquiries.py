"""Organisations offer to become partners; staff follow each enquiry up in the admin."""

import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import resolve, reverse
from django.utils import timezone
from mailer.engine import send_all
from wagtail.models import Site

from home.models import SiteIdentity
from partners.models import EnquiryStatus, PartnershipEnquiry, PartnershipEnquiryStatusChange

pytestmark = pytest.mark.django_db

STAFF_EMAIL = "equipe@linkedout.example"
FORM_URL = "/partenaires/devenir-partenaire/"
THANKS_URL = "/partenaires/devenir-partenaire/merci/"
LIST_URL = "/admin/snippets/partners/partnershipenquiry/"


def edit_url(enquiry):
    return reverse("wagtailsnippets_partners_partnershipenquiry:edit", args=[enquiry.pk])


@pytest.fixture
def staff_address(home_page):
    identity = SiteIdentity.for_site(Site.objects.get(is_default_site=True))
    identity.contact_email = STAFF_EMAIL
    identity.save()
    return STAFF_EMAIL


@pytest.fixture
def member(django_user_model):
    def create(username, group_name):
        user = django_user_model.objects.create_user(
            username, f"{username}@asso.example", "pw", first_name=username.capitalize()
        )
        user.groups.add(Group.objects.get(name=group_name))
        return user

    return create


@pytest.fixture
def moderator(member):
    return member("moderateur", "Moderators")


def enquiry_data(**overrides):
    data = {
        "organisation": "Fondation Horizon",
        "kind": "foundation",
        "interest": "fund_cohort",
        "contact_name": "Inès Lefèvre",
        "contact_role": "Déléguée générale",
        "email": "ines@horizon.example",
        "phone": "01 23 45 67 89",
        "message": "Nous aimerions financer la prochaine promotion à Lyon.",
        "consent": "on",
        "site_web": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def new_enquiry(**fields):
    defaults = {
        "organisation": "Transports Rapides",
        "kind": "company",
        "interest": "hire",
        "contact_name": "Paul Roux",
        "email": "paul@transports.example",
        "message": "Nous recrutons des caristes toute l'année.",
        "consent": True,
    }
    enquiry = PartnershipEnquiry.objects.create(**{**defaults, **fields})
    PartnershipEnquiryStatusChange.objects.create(enquiry=enquiry, to_status=enquiry.status)
    return enquiry


def sent_mail(django_capture_on_commit_callbacks, action):
    """Run `action`, its on-commit callbacks, and the mail queue; return what went out."""
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        result = action()
    send_all()
    return result, list(mail.outbox)


# -- the public form --------------------------------------------------------------------


def test_only_the_form_and_its_thanks_are_taken_from_wagtail():
    assert resolve(FORM_URL).url_name == "enquiry"
    assert resolve(THANKS_URL).url_name == "enquiry_thanks"
    # The partners' index page and its children stay Wagtail pages.
    for path in ("/partenaires/", "/partenaires/fondation-horizon/"):
        assert resolve(path).func.__module__ == "wagtail.views"


def test_form_is_in_french_and_never_cached(client, home_page, settings):
    settings.PAGE_CACHE_SECONDS = 300
    first = client.get(FORM_URL)
    second = client.get(FORM_URL)
    html = second.content.decode()
    assert second.status_code == 200
    assert "Devenir partenaire" in html
    for name in ("organisation", "kind", "interest", "contact_name", "email", "message"):
        assert f'name="{name}"' in html
    assert "financer une promotion ou une campagne" in html
    # A CSRF token inside: no shared cache may keep it.
    assert 'name="csrfmiddlewaretoken"' in html
    assert "no-store" in second.headers["Cache-Control"]
    assert "X-Page-Cache" not in first.headers
    assert "X-Page-Cache" not in second.headers


def test_organisation_sends_an_enquiry_and_staff_hear_of_it(
    client, staff_address, django_capture_on_commit_callbacks
):
    response, outbox = sent_mail(
        django_capture_on_commit_callbacks,
        lambda: client.post(FORM_URL, enquiry_data(), REMOTE_ADDR="203.0.113.7"),
    )

    assert response.status_code == 302
    assert response.url == THANKS_URL
    thanks = client.get(THANKS_URL).content.decode()
    assert "Merci, votre demande de partenariat a bien été reçue" in thanks

    enquiry = PartnershipEnquiry.objects.get()
    assert (enquiry.organisation, enquiry.kind, enquiry.interest) == (
        "Fondation Horizon",
        "foundation",
        "fund_cohort",
    )
    assert (enquiry.contact_name, enquiry.contact_role) == ("Inès Lefèvre", "Déléguée générale")
    assert enquiry.email == "ines@horizon.example"
    assert enquiry.phone == "01 23 45 67 89"
    assert enquiry.consent is True
    assert enquiry.status == EnquiryStatus.NEW
    assert len(enquiry.source_ip_hash) == 64
    assert "203.0.113.7" not in enquiry.source_ip_hash
    change = enquiry.status_changes.get()
    assert (change.from_status, change.to_status, change.user) == ("", "nouvelle", None)

    assert [message.to for message in outbox] == [[STAFF_EMAIL]]
    message = outbox[0]
    assert "Fondation Horizon" in message.subject
    assert message.reply_to == ["ines@horizon.example"]
    assert f"http://testserver{edit_url(enquiry)}" in message.body
    for detail in (
        "financer une promotion ou une campagne",
        "Nous aimerions financer la prochaine promotion à Lyon.",
        "Inès Lefèvre, Déléguée générale",
        "01 23 45 67 89",
    ):
        assert detail in message.body, detail


def test_no_staff_address_means_the_enquiry_is_kept_without_mail(
    client, home_page, django_capture_on_commit_callbacks
):
    response, outbox = sent_mail(
        django_capture_on_commit_callbacks, lambda: client.post(FORM_URL, enquiry_data())
    )
    assert response.status_code == 302
    assert PartnershipEnquiry.objects.count() == 1
    assert outbox == []


INVALID_CASES = {
    "missing organisation": ({"organisation": "  "}, "Indiquez le nom de votre organisation."),
    "organisation too long": (
        {"organisation": "O" * 151},
        "Le nom de l'organisation ne doit pas dépasser 150 caractères (il y en a 151).",
    ),
    "no kind": ({"kind": ""}, "Choisissez le type de votre organisation."),
    "unknown kind": ({"kind": "secte"}, "Choisissez un type d'organisation de la liste."),
    "no interest": ({"interest": None}, "Dites-nous ce que vous souhaitez faire avec nous."),
    "no name": ({"contact_name": ""}, "Indiquez votre nom."),
    "bad email": ({"email": "ines@"}, "Saisissez une adresse e-mail valide"),
    "bad phone": ({"phone": "12 34"}, "Saisissez un numéro de téléphone valide"),
    "short message": ({"message": "Bonjour"}, "Écrivez au moins 20 caractères (il y en a 7)."),
    "long message": (
        {"message": "a" * 3001},
        "Le message ne doit pas dépasser 3000 caractères (il y en a 3001).",
    ),
    "consent unticked": ({"consent": None}, "Cochez cette case pour que nous puissions"),
}


@pytest.mark.parametrize("case", INVALID_CASES.keys())
def test_rejected_form_says_why_in_french_and_keeps_what_was_typed(client, home_page, case):
    overrides, message = INVALID_CASES[case]
    data = enquiry_data(**{"organisation": "Fondation « Horizon »", **overrides})

    response = client.post(FORM_URL, data)

    html = response.content.decode().replace("&#x27;", "'")
    assert response.status_code == 200
    assert not PartnershipEnquiry.objects.exists()
    assert message in html
    assert 'class="error-summary"' in html
    assert re.search(r'aria-describedby="[^"]*_error"', html)
    # Everything typed comes back.
    if "contact_name" not in overrides:
        assert 'value="Inès Lefèvre"' in html
    if "organisation" not in overrides:
        assert 'value="Fondation « Horizon »"' in html
    if "message" not in overrides:
        assert "Nous aimerions financer la prochaine promotion à Lyon." in html
    if "interest" not in overrides:
        assert re.search(
            r'<input type="radio" name="interest" value="fund_cohort"[^>]*checked', html
        )
    if "kind" not in overrides:
        assert '<option value="foundation" selected>' in html
    if case == "bad email":
        assert 'value="ines@"' in html
    else:
        assert 'value="ines@horizon.example"' in html


def test_filled_honeypot_pretends_success_and_keeps_nothing(
    client, staff_address, django_capture_on_commit_callbacks
):
    html = client.get(FORM_URL).content.decode()
    trap = re.search(r'<div class="hp-field" aria-hidden="true">.*?</div>', html, re.S).group()
    assert 'name="site_web"' in trap and 'tabindex="-1"' in trap

    response, outbox = sent_mail(
        django_capture_on_commit_callbacks,
        lambda: client.post(FORM_URL, enquiry_data(site_web="http://spam.example")),
    )
    assert response.status_code == 302
    assert response.url == THANKS_URL
    assert not PartnershipEnquiry.objects.exists()
    assert outbox == []


def test_too_many_posts_get_a_french_429_that_keeps_the_form(client, home_page):
    for _attempt in range(5):
        assert client.post(FORM_URL, enquiry_data(consent=None)).status_code == 200

    response = client.post(FORM_URL, enquiry_data(organisation="Club de Rugby"))

    html = response.content.decode()
    assert response.status_code == 429
    assert "Votre demande n’a pas encore été envoyée" in html
    assert "patientez quelques minutes" in html
    assert 'value="Club de Rugby"' in html
    assert "Nous aimerions financer la prochaine promotion à Lyon." in html
    assert not PartnershipEnquiry.objects.exists()


def test_csrf_token_is_required(home_page):
    browser = Client(enforce_csrf_checks=True)
    assert browser.post(FORM_URL, enquiry_data()).status_code == 403
    assert not PartnershipEnquiry.objects.exists()

    html = browser.get(FORM_URL).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    response = browser.post(FORM_URL, {**enquiry_data(), "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert PartnershipEnquiry.objects.count() == 1


# -- follow-up by staff ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "target"),
    [
        ("nouvelle", "en_cours"),
        ("nouvelle", "sans_suite"),
        ("nouvelle", "archivee"),
        ("en_cours", "partenaire"),
        ("en_cours", "sans_suite"),
    ],
)
def test_allowed_moves_are_recorded_with_who_and_when(moderator, start, target):
    enquiry = new_enquiry(status=start)
    before = timezone.now()

    enquiry.transition_to(target, user=moderator, note="Appel du 3 mars")

    enquiry.refresh_from_db()
    assert enquiry.status == target
    change = enquiry.status_changes.last()
    assert (change.from_status, change.to_status, change.user) == (start, target, moderator)
    assert change.created_at >= before
    assert change.note == "Appel du 3 mars"


@pytest.mark.parametrize(
    ("start", "target"),
    [("nouvelle", "partenaire"), ("partenaire", "en_cours"), ("archivee", "nouvelle")],
)
def test_other_moves_are_refused(moderator, start, target):
    enquiry = new_enquiry(status=start)
    with pytest.raises(ValidationError, match="Impossible de passer"):
        enquiry.transition_to(target, user=moderator)
    enquiry.refresh_from_db()
    assert enquiry.status == start
    assert enquiry.status_changes.count() == 1


def test_admin_offers_only_the_next_steps_and_keeps_the_enquiry_read_only(client, moderator):
    enquiry = new_enquiry()
    client.force_login(moderator)

    html = client.get(edit_url(enquiry)).content.decode()
    select = re.search(r'<select name="new_status".*?</select>', html, re.S).group()
    assert re.findall(r'<option value="(\w+)"', select) == ["en_cours", "sans_suite", "archivee"]
    # What the organisation wrote is shown, not editable.
    assert "Nous recrutons des caristes" in html
    for name in ("organisation", "email", "message", "contact_name"):
        assert f'name="{name}"' not in html

    jump = client.post(edit_url(enquiry), {"new_status": "partenaire", "status_note": ""})
    assert jump.status_code == 200
    enquiry.refresh_from_db()
    assert enquiry.status == "nouvelle"

    response = client.post(
        edit_url(enquiry),
        {"new_status": "en_cours", "status_note": "Rendez-vous pris", "organisation": "Piratée"},
    )
    assert response.status_code == 302
    enquiry.refresh_from_db()
    assert enquiry.status == "en_cours"
    assert enquiry.organisation == "Transports Rapides"
    change = enquiry.status_changes.last()
    assert (change.from_status, change.to_status, change.user, change.note) == (
        "nouvelle",
        "en_cours",
        moderator,
        "Rendez-vous pris",
    )

    html = client.get(edit_url(enquiry)).content.decode()
    assert html.count('class="enquiry-history__row"') == 2
    assert "formulaire du site" in html and "Moderateur" in html
    assert "Rendez-vous pris" in html


def test_editor_lists_filters_searches_and_inspects_enquiries(client, member):
    editor = member("redactrice", "Editors")
    foundation = new_enquiry(organisation="Fondation Horizon", kind="foundation")
    club = new_enquiry(organisation="Club de Rugby", kind="sports_club", interest="skills")
    club.transition_to("sans_suite", user=editor)
    client.force_login(editor)

    response = client.get(LIST_URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Fondation Horizon" in html and "Club de Rugby" in html

    def listed(query):
        page = client.get(LIST_URL, query).content.decode()
        return [name for name in ("Fondation Horizon", "Club de Rugby") if name in page]

    assert listed({"status": "sans_suite"}) == ["Club de Rugby"]
    assert listed({"kind": "foundation"}) == ["Fondation Horizon"]
    assert listed({"interest": "skills"}) == ["Club de Rugby"]
    assert listed({"q": "horizon"}) == ["Fondation Horizon"]

    inspect = client.get(
        reverse("wagtailsnippets_partners_partnershipenquiry:inspect", args=[club.pk])
    ).content.decode()
    assert "Historique des statuts" in inspect
    assert "sans suite" in inspect
    assert foundation.organisation not in inspect

    response = client.post(edit_url(foundation), {"new_status": "en_cours"})
    assert response.status_code == 302


def test_nobody_adds_an_enquiry_in_the_admin(client, moderator, admin_user):
    for user in (moderator, admin_user):
        client.force_login(user)
        add_url = reverse("wagtailsnippets_partners_partnershipenquiry:add")
        assert client.get(add_url).status_code in (302, 403)
        assert f'href="{add_url}"' not in client.get(LIST_URL).content.decode()


@pytest.mark.parametrize("group", ["Coachs", "Finance"])
def test_coaches_and_finance_cannot_see_enquiries(client, member, group):
    enquiry = new_enquiry(organisation="Entreprise Secrète")
    client.force_login(member("quelquun", group))
    for url in (LIST_URL, edit_url(enquiry)):
        # Wagtail's "permission denied": back to the dashboard with a message…
        response = client.get(url, follow=True)
        assert response.redirect_chain == [("/admin/", 302)]
        assert "Entreprise Secrète" not in response.content.decode()
        # …and a plain 403 for a script.
        response = client.get(url, headers={"x-requested-with": "XMLHttpRequest"})
        assert response.status_code == 403
        assert "Entreprise Secrète" not in response.content.decode()
    assert "Demandes de partenariat" not in client.get("/admin/").content.decode()


def partner_codenames(group_name):
    return set(
        Group.objects.get(name=group_name)
        .permissions.filter(content_type__app_label="partners")
        .values_list("codename", flat=True)
    )


def test_permissions_of_each_group(db):
    for group_name in ("Editors", "Moderators"):
        codenames = partner_codenames(group_name)
        for model in ("partner", "partnertier"):
            assert {f"add_{model}", f"change_{model}", f"delete_{model}"} <= codenames
        assert {"change_partnershipenquiry", "view_partnershipenquiry"} <= codenames
        assert "change_supporterswallsettings" in codenames
        assert "add_partnershipenquiry" not in codenames
    assert "delete_partnershipenquiry" in partner_codenames("Moderators")
    assert "delete_partnershipenquiry" not in partner_codenames("Editors")
    assert partner_codenames("Coachs") == set()
    assert partner_codenames("Finance") == set()
    # Finance keeps its own rights, nothing more.
    finance = set(Group.objects.get(name="Finance").permissions.values_list("codename", flat=True))
    assert "view_donor" in finance
    assert Permission.objects.filter(codename="change_supporterswallsettings").exists()


def test_editor_manages_partners_tiers_and_the_wall_settings(client, member):
    editor = member("redacteur", "Editors")
    client.force_login(editor)
    for url in (
        "/admin/snippets/partners/partner/add/",
        "/admin/snippets/partners/partnertier/add/",
        f"/admin/settings/partners/supporterswallsettings/{Site.objects.get().pk}/",
    ):
        assert client.get(url).status_code == 200, url
