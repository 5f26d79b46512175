"""Companies propose jobs; staff validate and route them before anyone else hears of them."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from mailer.engine import send_all
from wagtail.models import Site

from cv_pages.models import (
    BusinessLine,
    Coach,
    ContractType,
    CVPage,
    Department,
    EmploymentStatus,
    Opportunity,
    OpportunityStatus,
    OpportunityStatusChange,
    Region,
)
from cv_pages.stats import live_counters
from home.models import SiteIdentity

pytestmark = pytest.mark.django_db

STAFF_EMAIL = "equipe@linkedout.example"
GENERAL_URL = "/opportunites/proposer/"
THANKS_URL = "/opportunites/merci/"


def form_url(cv):
    return f"/opportunites/proposer/{cv.pk}/"


def edit_url(opportunity):
    return reverse("wagtailsnippets_cv_pages_opportunity:edit", args=[opportunity.pk])


LIST_URL = "/admin/snippets/cv_pages/opportunity/"


@pytest.fixture
def staff_address(home_page):
    identity = SiteIdentity.for_site(Site.objects.get(is_default_site=True))
    identity.contact_email = STAFF_EMAIL
    identity.save()
    return STAFF_EMAIL


@pytest.fixture
def coach(db):
    return Coach.objects.create(
        first_name="Claire", last_name="Martin", email="claire@coach.example"
    )


@pytest.fixture
def amina(make_cv, coach):
    return make_cv(
        first_name="Amina",
        last_name="Benali",
        email="amina.benali@prive.example",
        coach=coach,
        business_lines=(("restauration", "commis de cuisine"),),
    )


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


def job_data(**overrides):
    data = {
        "company": "Boulangerie Dupain",
        "recruiter_name": "Marc Levain",
        "email": "marc@dupain.example",
        "phone": "06 12 34 56 78",
        "job_title": "Commis de cuisine",
        "contract_type": ContractType.objects.get(slug="cdi").pk,
        "location": "Lyon 3e",
        "department": Department.objects.get(code="69").pk,
        "start_date": (timezone.localdate() + datetime.timedelta(days=10)).isoformat(),
        "hours": "Temps plein, 35 h",
        "positions": "2",
        "description": "Préparation des entrées et des desserts, service du midi.",
        "consent": "on",
        "site_web": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def general_data(**overrides):
    data = job_data(**overrides)
    data.setdefault("business_lines", [BusinessLine.objects.get(slug="restauration").pk])
    data.setdefault("regions", [Region.objects.get(slug="ile-de-france").pk])
    return data


def sent_mail(django_capture_on_commit_callbacks, action):
    """Run `action`, its on-commit callbacks, and the mail queue; return what went out."""
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        result = action()
    send_all()
    return result, list(mail.outbox)


# -- the public forms -----------------------------------------------------------------


def test_cv_page_links_to_a_form_that_names_the_candidate_but_nothing_private(client, amina):
    cv_html = client.get(amina.url).content.decode()
    assert f'href="{form_url(amina)}"' in cv_html
    assert "Proposer une opportunité" in cv_html

    response = client.get(form_url(amina))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Proposer une opportunité à Amina B." in html
    assert "restauration comme commis de cuisine" in html
    for private in ("Benali", amina.email, amina.phone):
        assert private not in html
    # Carries a CSRF token: never kept by a shared cache.
    assert "no-store" in response.headers["Cache-Control"]


def test_listing_and_header_link_to_the_general_form(client, cv_index):
    html = client.get(cv_index.url).content.decode()
    assert html.count(f'href="{GENERAL_URL}"') == 2
    assert client.get(GENERAL_URL).status_code == 200


def test_form_is_not_kept_by_the_anonymous_page_cache(client, amina, settings):
    settings.PAGE_CACHE_SECONDS = 300
    first = client.get(form_url(amina))
    second = client.get(form_url(amina))
    assert "X-Page-Cache" not in first.headers
    assert "X-Page-Cache" not in second.headers


def test_recruiter_proposes_a_job_to_a_candidate(
    client, amina, staff_address, django_capture_on_commit_callbacks
):
    response, outbox = sent_mail(
        django_capture_on_commit_callbacks,
        lambda: client.post(form_url(amina), job_data(), REMOTE_ADDR="203.0.113.9"),
    )

    assert response.status_code == 302
    assert response.url == THANKS_URL
    thanks = client.get(THANKS_URL).content.decode()
    assert "Merci, votre proposition a bien été reçue" in thanks

    opportunity = Opportunity.objects.get()
    assert opportunity.cv_page_id == amina.pk
    assert opportunity.company == "Boulangerie Dupain"
    assert opportunity.contract_type.slug == "cdi"
    assert opportunity.department.code == "69"
    assert opportunity.positions == 2
    assert opportunity.consent is True
    assert opportunity.status == OpportunityStatus.NEW
    assert len(opportunity.source_ip_hash) == 64
    assert "203.0.113.9" not in opportunity.source_ip_hash
    assert list(opportunity.status_changes.values_list("to_status", flat=True)) == ["nouvelle"]

    # Staff hear of it at once, with a link to route it; nobody else does.
    assert [message.to for message in outbox] == [[STAFF_EMAIL]]
    staff_mail = outbox[0]
    assert "Commis de cuisine" in staff_mail.subject
    assert f"http://testserver{edit_url(opportunity)}" in staff_mail.body
    assert "Amina B." in staff_mail.body
    assert staff_mail.reply_to == ["marc@dupain.example"]
    assert staff_mail.cc == []


def test_company_proposes_a_job_in_general(
    client, cv_index, staff_address, django_capture_on_commit_callbacks
):
    lines = list(BusinessLine.objects.filter(slug__in=["restauration", "hotellerie"]))
    data = general_data(business_lines=[line.pk for line in lines], department=None)

    response, outbox = sent_mail(
        django_capture_on_commit_callbacks, lambda: client.post(GENERAL_URL, data)
    )

    assert response.status_code == 302
    assert response.url == THANKS_URL
    opportunity = Opportunity.objects.get()
    assert opportunity.cv_page is None
    assert set(opportunity.business_lines.all()) == set(lines)
    assert [region.slug for region in opportunity.regions.all()] == ["ile-de-france"]
    assert [message.to for message in outbox] == [[STAFF_EMAIL]]
    assert "Proposition générale" in outbox[0].body


def test_general_form_needs_a_business_line(client, cv_index):
    response = client.post(GENERAL_URL, general_data(business_lines=[]))
    assert response.status_code == 200
    assert "Cochez au moins un secteur d&#x27;activité." in response.content.decode()
    assert not Opportunity.objects.exists()


INVALID_CASES = {
    "missing company": ({"company": ""}, "Indiquez le nom de votre entreprise."),
    "bad email": ({"email": "marc@"}, "Saisissez une adresse e-mail valide"),
    "bad phone": ({"phone": "12 34"}, "Saisissez un numéro de téléphone valide"),
    "past start date": (
        {"start_date": (timezone.localdate() - datetime.timedelta(days=1)).isoformat()},
        "La date de début ne peut pas être passée",
    ),
    "no positions": ({"positions": "0"}, "Indiquez au moins un poste."),
    "too many positions": ({"positions": "51"}, "Indiquez 50 postes au plus"),
    "consent unticked": ({"consent": None}, "Cochez cette case pour que nous puissions"),
    "short description": ({"description": "Bien."}, "Décrivez le poste en 20 caractères"),
    "no location": ({"location": "", "department": ""}, "Indiquez où se situe le poste"),
}


@pytest.mark.parametrize("case", INVALID_CASES.keys())
def test_rejected_form_says_why_in_french_and_keeps_what_was_typed(client, amina, case):
    overrides, message = INVALID_CASES[case]
    data = job_data(company=overrides.get("company", "Boulangerie Dupain « chez Marc »"))
    data.update(overrides)
    data = {key: value for key, value in data.items() if value is not None}

    response = client.post(form_url(amina), data)

    html = response.content.decode().replace("&#x27;", "'")
    assert response.status_code == 200
    assert not Opportunity.objects.exists()
    assert message in html
    # The error is summarised at the top (focused on load) and tied to its field.
    assert 'class="error-summary"' in html
    assert "autofocus" in html
    assert re.search(r'aria-describedby="[^"]*_error"', html)
    # Everything typed comes back.
    assert 'value="Marc Levain"' in html
    assert "Préparation des entrées et des desserts" in html or case == "short description"
    if "company" not in overrides:
        assert 'value="Boulangerie Dupain « chez Marc »"' in html
    if case != "bad email":
        assert 'value="marc@dupain.example"' in html
    else:
        assert 'value="marc@"' in html


def test_international_and_french_phone_numbers_are_accepted(client, amina):
    for phone in ("+33 6 12 34 56 78", "01.23.45.67.89", "+44 20 7946 0958"):
        response = client.post(form_url(amina), job_data(phone=phone))
        assert response.status_code == 302, phone
    assert Opportunity.objects.count() == 3


def test_filled_honeypot_pretends_success_and_keeps_nothing(
    client, amina, staff_address, django_capture_on_commit_callbacks
):
    response, outbox = sent_mail(
        django_capture_on_commit_callbacks,
        lambda: client.post(form_url(amina), job_data(site_web="http://spam.example")),
    )
    assert response.status_code == 302
    assert response.url == THANKS_URL
    assert not Opportunity.objects.exists()
    assert outbox == []


def test_honeypot_is_hidden_from_people(client, amina):
    html = client.get(form_url(amina)).content.decode()
    trap = re.search(r'<div class="hp-field" aria-hidden="true">.*?</div>', html, re.S).group()
    assert 'name="site_web"' in trap
    assert 'tabindex="-1"' in trap
    assert 'autocomplete="off"' in trap


def test_too_many_posts_get_a_french_429_that_keeps_the_form(client, amina):
    for _attempt in range(5):
        assert client.post(form_url(amina), job_data(consent=None)).status_code == 200

    response = client.post(form_url(amina), job_data(company="Ma Société"))

    html = response.content.decode()
    assert response.status_code == 429
    assert "Votre proposition n’a pas encore été envoyée" in html
    assert "patientez quelques minutes" in html
    assert 'value="Ma Société"' in html
    assert "Préparation des entrées et des desserts" in html
    assert not Opportunity.objects.exists()


@pytest.mark.parametrize("state", ["draft", "hidden", "unpublished"])
def test_no_form_for_a_cv_that_is_not_public(client, make_cv, state):
    if state == "draft":
        cv = make_cv(publish=False)
    elif state == "hidden":
        cv = make_cv(employment_status=EmploymentStatus.HIDDEN)
    else:
        cv = make_cv()
        cv.unpublish()
    assert client.get(form_url(cv)).status_code == 404
    assert client.post(form_url(cv), job_data()).status_code == 404
    assert not Opportunity.objects.exists()


# -- routing by staff -------------------------------------------------------------------


def new_opportunity(cv=None, **fields):
    opportunity = Opportunity.objects.create(
        cv_page=cv,
        company=fields.pop("company", "Hôtel du Parc"),
        recruiter_name="Sophie Accueil",
        email="sophie@hotelduparc.example",
        phone="04 78 00 00 00",
        job_title=fields.pop("job_title", "Plongeur"),
        contract_type=ContractType.objects.get(slug="cdd"),
        location="Lyon",
        start_date=timezone.localdate() + datetime.timedelta(days=30),
        hours="Temps partiel, 24 h",
        description="Plonge et entretien de la cuisine, du mardi au samedi.",
        positions=1,
        consent=True,
        **fields,
    )
    OpportunityStatusChange.objects.create(opportunity=opportunity, to_status=opportunity.status)
    return opportunity


def admin_data(opportunity, **overrides):
    data = {
        "cv_page": opportunity.cv_page_id or "",
        "company": opportunity.company,
        "recruiter_name": opportunity.recruiter_name,
        "email": opportunity.email,
        "phone": opportunity.phone,
        "job_title": opportunity.job_title,
        "contract_type": opportunity.contract_type_id,
        "positions": opportunity.positions,
        "location": opportunity.location,
        "department": opportunity.department_id or "",
        "start_date": opportunity.start_date.isoformat() if opportunity.start_date else "",
        "hours": opportunity.hours,
        "description": opportunity.description,
        "consent": "on",
        "new_status": "",
        "status_note": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


FLOW = ["validee", "transmise", "entretien", "embauche"]


@pytest.mark.parametrize(
    ("start", "target"),
    [
        ("nouvelle", "validee"),
        ("validee", "transmise"),
        ("transmise", "entretien"),
        ("entretien", "embauche"),
        ("nouvelle", "refusee"),
        ("transmise", "refusee"),
        ("nouvelle", "archivee"),
        ("entretien", "archivee"),
    ],
)
def test_allowed_transitions_are_recorded_with_who_and_when(moderator, start, target):
    opportunity = new_opportunity()
    Opportunity.objects.filter(pk=opportunity.pk).update(status=start)
    opportunity.refresh_from_db()
    before = timezone.now()

    opportunity.transition_to(target, user=moderator, note="Vu avec le recruteur")

    opportunity.refresh_from_db()
    assert opportunity.status == target
    change = opportunity.status_changes.last()
    assert (change.from_status, change.to_status) == (start, target)
    assert change.changed_by == moderator
    assert change.changed_at >= before
    assert change.note == "Vu avec le recruteur"


@pytest.mark.parametrize(
    ("start", "target"),
    [
        ("nouvelle", "transmise"),
        ("nouvelle", "embauche"),
        ("validee", "entretien"),
        ("transmise", "validee"),
        ("embauche", "refusee"),
        ("refusee", "validee"),
        ("archivee", "nouvelle"),
    ],
)
def test_other_transitions_are_refused(moderator, start, target):
    from django.core.exceptions import ValidationError

    opportunity = new_opportunity()
    Opportunity.objects.filter(pk=opportunity.pk).update(status=start)
    opportunity.refresh_from_db()

    with pytest.raises(ValidationError, match="ne peut pas passer"):
        opportunity.transition_to(target, user=moderator)

    opportunity.refresh_from_db()
    assert opportunity.status == start
    assert opportunity.status_changes.count() == 1


def test_admin_offers_only_the_next_steps_and_refuses_a_jump(client, moderator, amina):
    opportunity = new_opportunity(amina)
    client.force_login(moderator)

    html = client.get(edit_url(opportunity)).content.decode()
    select = re.search(r'<select name="new_status".*?</select>', html, re.S).group()
    assert re.findall(r'<option value="(\w+)"', select) == ["validee", "refusee", "archivee"]

    response = client.post(edit_url(opportunity), admin_data(opportunity, new_status="embauche"))
    assert response.status_code == 200  # the form comes back with an error
    opportunity.refresh_from_db()
    assert opportunity.status == "nouvelle"


def test_validation_emails_the_coach_with_the_candidate_in_copy_and_not_before(
    client, moderator, amina, staff_address, django_capture_on_commit_callbacks
):
    _response, outbox = sent_mail(
        django_capture_on_commit_callbacks,
        lambda: client.post(form_url(amina), job_data()),
    )
    # Before validation, only staff know about it.
    assert [message.to for message in outbox] == [[STAFF_EMAIL]]
    assert all(amina.email not in message.recipients() for message in outbox)
    opportunity = Opportunity.objects.get()

    client.force_login(moderator)
    response, outbox = sent_mail(
        django_capture_on_commit_callbacks,
        lambda: client.post(
            edit_url(opportunity),
            admin_data(opportunity, new_status="validee", status_note="Entreprise connue"),
        ),
    )

    assert response.status_code == 302
    opportunity.refresh_from_db()
    assert opportunity.status == "validee"
    change = opportunity.status_changes.last()
    assert (change.from_status, change.to_status, change.changed_by) == (
        "nouvelle",
        "validee",
        moderator,
    )
    assert change.note == "Entreprise connue"
    assert len(outbox) == 1
    message = outbox[0]
    assert message.to == ["claire@coach.example"]
    assert message.cc == ["amina.benali@prive.example"]
    assert message.reply_to == [STAFF_EMAIL]
    assert "Amina" in message.subject
    for detail in (
        "Boulangerie Dupain",
        "Commis de cuisine",
        "CDI",
        "Lyon 3e",
        "Temps plein, 35 h",
        "Préparation des entrées et des desserts",
        "Marc Levain",
        "marc@dupain.example",
        "06 12 34 56 78",
        "Bonjour Claire",
    ):
        assert detail in message.body, detail

    # The edit view shows the history with who and when.
    html = client.get(edit_url(opportunity)).content.decode()
    assert "Historique des statuts" in html
    assert html.count('class="opportunity-history__row"') == 2
    assert "Moderateur" in html
    assert "formulaire du site" in html


def test_validation_without_candidate_email_goes_to_the_coach_only(
    moderator, make_cv, coach, django_capture_on_commit_callbacks
):
    cv = make_cv(email="", coach=coach)
    opportunity = new_opportunity(cv)
    _change, outbox = sent_mail(
        django_capture_on_commit_callbacks,
        lambda: opportunity.transition_to("validee", user=moderator),
    )
    assert [(message.to, message.cc) for message in outbox] == [(["claire@coach.example"], [])]


def test_general_proposal_validation_emails_nobody(
    moderator, cv_index, django_capture_on_commit_callbacks
):
    opportunity = new_opportunity()
    _change, outbox = sent_mail(
        django_capture_on_commit_callbacks,
        lambda: opportunity.transition_to("validee", user=moderator),
    )
    assert outbox == []


def test_other_moves_email_nobody(moderator, amina, django_capture_on_commit_callbacks):
    opportunity = new_opportunity(amina)
    _change, outbox = sent_mail(
        django_capture_on_commit_callbacks,
        lambda: opportunity.transition_to("refusee", user=moderator),
    )
    assert outbox == []


def test_hire_marks_the_candidate_employed_and_counters_follow(client, moderator, amina):
    opportunity = new_opportunity(amina)
    for status in FLOW[:-1]:
        opportunity.transition_to(status, user=moderator)
    assert live_counters()["employed"] == 0
    revisions_before = amina.revisions.count()

    client.force_login(moderator)
    response = client.post(
        edit_url(opportunity),
        admin_data(opportunity, new_status="embauche", mark_candidate_employed="on"),
    )

    assert response.status_code == 302
    cv = CVPage.objects.get(pk=amina.pk)
    assert cv.employment_status == EmploymentStatus.EMPLOYED
    assert cv.is_currently_employed
    assert not cv.has_unpublished_changes
    assert cv.revisions.count() == revisions_before + 1
    assert cv.live_revision.user == moderator
    counters = live_counters()
    assert (counters["published"], counters["employed"]) == (1, 1)
    # Visitors see the banner.
    client.logout()
    assert "a retrouvé un emploi" in client.get(cv.url).content.decode()


def test_hire_keeps_a_waiting_draft_unpublished(moderator, amina):
    draft = amina.get_latest_revision_as_object()
    draft.catchphrase = "Texte pas encore relu"
    draft.save_revision()
    opportunity = new_opportunity(amina)
    for status in FLOW:
        opportunity.transition_to(
            status, user=moderator, mark_candidate_employed=(status == "embauche")
        )

    cv = CVPage.objects.get(pk=amina.pk)
    assert cv.employment_status == EmploymentStatus.EMPLOYED
    assert cv.catchphrase != "Texte pas encore relu"
    latest = cv.get_latest_revision_as_object()
    assert latest.catchphrase == "Texte pas encore relu"
    assert latest.employment_status == EmploymentStatus.EMPLOYED
    assert live_counters()["employed"] == 1


def test_hire_without_the_box_leaves_the_cv_alone(moderator, amina):
    opportunity = new_opportunity(amina)
    for status in FLOW:
        opportunity.transition_to(status, user=moderator)
    assert CVPage.objects.get(pk=amina.pk).employment_status == EmploymentStatus.LOOKING


def test_employed_box_is_refused_outside_a_hire(client, moderator, amina):
    opportunity = new_opportunity(amina)
    client.force_login(moderator)
    response = client.post(
        edit_url(opportunity),
        admin_data(opportunity, new_status="validee", mark_candidate_employed="on"),
    )
    assert response.status_code == 200
    assert "ne vaut que pour un passage à « embauche »" in response.content.decode()
    opportunity.refresh_from_db()
    assert opportunity.status == "nouvelle"


# -- the admin: who sees what -----------------------------------------------------------


def test_moderator_lists_filters_and_searches_opportunities(client, moderator, amina):
    first = new_opportunity(amina, company="Hôtel du Parc", job_title="Plongeur")
    second = new_opportunity(company="Transports Rapides", job_title="Cariste")
    second.business_lines.set([BusinessLine.objects.get(slug="logistique-et-approvisionnement")])
    second.transition_to("refusee", user=moderator)
    client.force_login(moderator)

    response = client.get(LIST_URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Hôtel du Parc" in html and "Transports Rapides" in html
    for label in ("Statut", "Reçue entre", "Contrat", "Secteur", "Région"):
        assert label in html

    def companies(query):
        return [
            name
            for name in ("Hôtel du Parc", "Transports Rapides")
            if name in client.get(LIST_URL, query).content.decode()
        ]

    assert companies({"status": "refusee"}) == ["Transports Rapides"]
    assert companies({"cv_page": amina.pk}) == ["Hôtel du Parc"]
    assert companies({"general": "true"}) == ["Transports Rapides"]
    line = BusinessLine.objects.get(slug="logistique-et-approvisionnement")
    assert companies({"business_lines": line.pk}) == ["Transports Rapides"]
    assert companies({"contract_type": ContractType.objects.get(slug="cdi").pk}) == []
    today = timezone.localdate().isoformat()
    assert len(companies({"created_at_after": today, "created_at_before": today})) == 2
    assert companies({"q": "plongeur"}) == ["Hôtel du Parc"]

    inspect = client.get(
        reverse("wagtailsnippets_cv_pages_opportunity:inspect", args=[second.pk])
    ).content.decode()
    assert "Historique des statuts" in inspect
    assert "refusée" in inspect
    assert "Transports Rapides" in inspect
    assert first.company not in inspect


def test_editor_can_route_opportunities(client, member, amina):
    editor = member("redactrice", "Editors")
    opportunity = new_opportunity(amina)
    client.force_login(editor)
    assert client.get(LIST_URL).status_code == 200
    response = client.post(edit_url(opportunity), admin_data(opportunity, new_status="validee"))
    assert response.status_code == 302
    opportunity.refresh_from_db()
    assert opportunity.status == "validee"


def test_coach_cannot_see_the_opportunities(client, member, amina):
    coach_user = member("coach", "Coachs")
    opportunity = new_opportunity(amina, company="Entreprise Secrète")
    client.force_login(coach_user)

    for url in (LIST_URL, edit_url(opportunity)):
        response = client.get(url)
        assert response.status_code in (302, 403)
        assert "Entreprise Secrète" not in response.content.decode()
    assert "Opportunités" not in client.get("/admin/").content.decode()


def test_admin_list_query_count_stays_flat(client, moderator, amina):
    client.force_login(moderator)
    new_opportunity(amina)
    client.get(LIST_URL)
    with CaptureQueriesContext(connection) as few:
        client.get(LIST_URL)
    for number in range(8):
        new_opportunity(amina if number % 2 else None, company=f"Entreprise {number}")
    with CaptureQueriesContext(connection) as many:
        client.get(LIST_URL)
    assert len(many) <= len(few)


def test_staff_record_a_proposal_received_by_phone(client, moderator, amina):
    client.force_login(moderator)
    template = new_opportunity(amina)
    data = admin_data(template, company="Appel Téléphonique SARL")
    response = client.post(reverse("wagtailsnippets_cv_pages_opportunity:add"), data)

    assert response.status_code == 302
    created = Opportunity.objects.get(company="Appel Téléphonique SARL")
    assert created.status == "nouvelle"
    change = created.status_changes.get()
    assert (change.from_status, change.to_status, change.changed_by) == (
        "",
        "nouvelle",
        moderator,
    )
