"""`manage.py load_demo`: a complete demo site in one command, safe to run again.

Creates the demo logins, coaches, a promotion, the home page (as the site root), the CV
listing at /candidats/, thirty hand-written candidates with illustrated portraits
and the donation page at /don/; then (home/demo.py, partners/demo.py) partners and their
pages at /partenaires/, a current and a past campaign at /campagnes/, opted-in
supporters and their gifts, the about, FAQ and legal pages, menus and footer.
`--cvs 1000` adds generated candidates, combined from the hand-written ones, for load
tests. A second run only checks the logins and prints them.
"""

import copy
import datetime
import os
import random
import time
from contextlib import contextmanager
from io import BytesIO

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone
from django.utils.text import slugify
from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex, Site
from wagtail.search.backends import get_search_backends
from wagtail.signal_handlers import disable_reference_index_auto_update

from cv_pages import demo_data
from cv_pages.models import (
    BusinessLine,
    CareerPathItem,
    Coach,
    Cohort,
    ContractType,
    CVIndexPage,
    CVPage,
    Department,
    EmploymentStatus,
)
from cv_pages.portraits import generate_portrait
from cv_pages.stats import invalidate_counters
from donations.demo import ensure_donation_page
from home import demo as home_demo
from home.models import HomePage

DEFAULT_PASSWORD = "linkedout-demo"  # noqa: S105 - a documented demo password
PORTRAIT_POOL_SIZE = 40  # generated candidates share this many portraits
PORTRAIT_SIZE = 600
PORTRAIT_SEED_OFFSET = 1000  # hand-written candidate i gets portrait seed 1000 + i
POOL_SEED_OFFSET = 5000


class Command(BaseCommand):
    help = (
        "Charge un site de démonstration : comptes, coachs, promotion, page d'accueil, "
        "liste des CV et candidats. Sans effet s'il est déjà chargé."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--cvs",
            type=int,
            default=len(demo_data.CANDIDATES),
            help="Nombre de CV à créer (30 écrits à la main, les suivants sont générés).",
        )
        parser.add_argument(
            "--reset-passwords",
            action="store_true",
            help="Remet le mot de passe de démonstration sur les comptes qui existent déjà.",
        )

    def handle(self, *args, cvs, reset_passwords, **options):
        if cvs < 0:
            raise CommandError("--cvs doit être positif.")
        started = time.monotonic()
        password = os.environ.get("DEMO_ADMIN_PASSWORD") or DEFAULT_PASSWORD
        users, kept_passwords = ensure_users(password, reset=reset_passwords)

        home = HomePage.objects.first()
        index = CVIndexPage.objects.filter(slug=demo_data.INDEX_PAGE["slug"]).first()
        existing = CVPage.objects.child_of(index).count() if index else 0
        is_site_root = (
            home is not None
            and Site.objects.filter(is_default_site=True, root_page_id=home.pk).exists()
        )
        if is_site_root and index is not None and existing >= cvs:
            link_coach_user(users["coach"])
            self.stdout.write(f"La démonstration est déjà chargée ({existing} CV).")
        else:
            with transaction.atomic():
                coaches = ensure_coaches(users["coach"])
                cohort = ensure_cohort()
                cohorts = {cohort.slug: cohort, **home_demo.ensure_past_cohorts()}
                home, index = ensure_pages()
                created = CVBuilder(index, coaches, cohorts, self.stdout).create(existing, cvs)
            invalidate_counters()
            self.stdout.write(
                self.style.SUCCESS(
                    f"Démonstration chargée : {created} CV créés, "
                    f"{existing + created} en tout ({time.monotonic() - started:.1f} s)."
                )
            )
        donation_page = ensure_donation_page(HomePage.objects.first())
        home_demo.load(donation_page, self.stdout)
        self.print_logins(password, kept_passwords)

    def print_logins(self, password, kept_passwords):
        port = os.environ.get("PORT", "8000")
        base = f"http://127.0.0.1:{port}"
        self.stdout.write("")
        self.stdout.write(f"Site public     : {base}/")
        self.stdout.write(f"Administration  : {base}/admin/")
        self.stdout.write("Comptes (identifiant / mot de passe) :")
        roles = {"admin": "super-administrateur", "coach": "coach", "moderateur": "modérateur"}
        for username, *_rest in demo_data.USERS:
            self.stdout.write(f"  {username:<11} / {password}   ({roles[username]})")
        if kept_passwords:
            self.stdout.write(
                "  Les comptes existaient déjà : leur mot de passe n'a pas été modifié "
                "(--reset-passwords le remet)."
            )


# ---------------------------------------------------------------------------
# Users, coaches, cohort
# ---------------------------------------------------------------------------


def ensure_users(password, reset=False):
    """The three demo logins. Passwords are set on creation (or with `reset`) only:
    hashing is what would make a second run slow, and an existing password may have
    been changed on purpose."""
    user_model = get_user_model()
    users, kept_passwords = {}, set()
    for username, first_name, last_name, group_name in demo_data.USERS:
        user, created = user_model.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first_name,
                "last_name": last_name,
                "email": f"{username}@linkedout.example",
            },
        )
        dirty = False
        if created or reset:
            user.set_password(password)
            dirty = True
        else:
            kept_passwords.add(username)
        if group_name is None and not (user.is_superuser and user.is_staff):
            user.is_superuser = user.is_staff = True
            dirty = True
        if not user.is_active:
            user.is_active = True
            dirty = True
        if dirty:
            user.save()
        if group_name is not None:
            group, _created = Group.objects.get_or_create(name=group_name)
            user.groups.add(group)
        users[username] = user
    return users, kept_passwords


def link_coach_user(user):
    first_name, last_name, _email = demo_data.COACHES[0]
    coach = Coach.objects.filter(first_name=first_name, last_name=last_name).first()
    if coach is not None and coach.user_id is None and not Coach.objects.filter(user=user).exists():
        coach.user = user
        coach.save(update_fields=["user"])
    return coach


def ensure_coaches(coach_user):
    coaches = []
    for first_name, last_name, email in demo_data.COACHES:
        coach, _created = Coach.objects.get_or_create(
            first_name=first_name, last_name=last_name, defaults={"email": email}
        )
        coaches.append(coach)
    link_coach_user(coach_user)
    return coaches


def ensure_cohort():
    spec = demo_data.COHORT
    start = timezone.localdate() - datetime.timedelta(days=spec["starts_days_ago"])
    cohort, _created = Cohort.objects.get_or_create(
        slug=spec["slug"],
        defaults={
            "name": spec["name"],
            "start_date": start,
            "end_date": start + datetime.timedelta(days=spec["duration_days"]),
            "description": spec["description"],
        },
    )
    return cohort


# ---------------------------------------------------------------------------
# Home page and listing
# ---------------------------------------------------------------------------


def ensure_pages():
    """The home page as the default site's root, and the CV listing under it."""
    spec = demo_data.HOME_PAGE
    home = HomePage.objects.first()
    new_home = home is None
    if new_home:
        home = HomePage(title=spec["title"], slug=spec["slug"], intro=spec["intro"])
        Page.get_first_root_node().add_child(instance=home)
    make_site_root(home)

    index = CVIndexPage.objects.child_of(home).filter(slug=demo_data.INDEX_PAGE["slug"]).first()
    if index is None:
        index = CVIndexPage(
            title=demo_data.INDEX_PAGE["title"],
            slug=demo_data.INDEX_PAGE["slug"],
            intro=demo_data.INDEX_PAGE["intro"],
        )
        home.add_child(instance=index)
        index.save_revision().publish()

    if new_home or not home.body:
        home.body = home_body(index)
        home.body.stream_block.clean(home.body)
        home.save_revision().publish()
    return home, index


def make_site_root(home):
    """Point the default site at the home page; drop Wagtail's welcome page if unused."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name=demo_data.SITE_NAME,
        )
        return
    if site.root_page_id == home.pk:
        return
    old_root = site.root_page
    site.root_page = home
    site.site_name = site.site_name or demo_data.SITE_NAME
    site.save()
    is_welcome_page = old_root.depth == 2 and old_root.specific_class is Page
    if (
        is_welcome_page
        and old_root.is_leaf()
        and not Site.objects.filter(root_page_id=old_root.pk).exists()
    ):
        old_root.delete()


def home_body(index):
    """The home page sections, in the raw form the StreamField stores."""
    spec = demo_data.HOME_PAGE

    def button(label, page, style="primary"):
        return {"label": label, "page": page.pk, "url": "", "style": style}

    calls = [
        {
            "heading": heading,
            "text": text,
            "audience": audience,
            "links": [button(label, index)],
        }
        for audience, heading, text, label in demo_data.CALLS_TO_ACTION
    ]
    return [
        {
            "type": "hero",
            "value": {
                "title": spec["hero_title"],
                "text": spec["hero_text"],
                "links": [
                    button("Lire et partager les CV", index),
                    button("Recruter un candidat", index, style="secondary"),
                ],
            },
        },
        {
            "type": "counters",
            "value": {"heading": "Le programme en direct", "counters": ["published", "employed"]},
        },
        {
            "type": "cv_selection",
            "value": {
                "heading": "Ils cherchent un emploi",
                "mode": "latest",
                "count": 6,
                "cvs": [],
                "show_all_link": True,
            },
        },
        {"type": "call_to_action_group", "value": {"items": calls}},
        {
            "type": "text",
            "value": {"heading": spec["programme_heading"], "text": spec["programme_text"]},
        },
        {
            "type": "quote",
            "value": {
                "text": spec["quote"],
                "author": spec["quote_author"],
                "role": spec["quote_role"],
            },
        },
    ]


# ---------------------------------------------------------------------------
# Candidates
# ---------------------------------------------------------------------------


def months_before(today, months, day):
    month_index = today.year * 12 + (today.month - 1) - months
    return datetime.date(month_index // 12, month_index % 12 + 1, day)


class CVBuilder:
    """Creates CV pages number `start` to `stop - 1`; the same number gives the same CV."""

    def __init__(self, index, coaches, cohorts, stdout):
        self.index = index
        self.coaches = coaches
        # The first cohort is the current promotion; a few hand-written candidates belong
        # to the pilot one (see home.demo.cohort_slug_for).
        self.cohorts = cohorts
        self.cohort = next(iter(cohorts.values()))
        self.stdout = stdout
        self.business_lines = {line.slug: line for line in BusinessLine.objects.all()}
        self.departments = {department.code: department for department in Department.objects.all()}
        self.contract_types = {contract.slug: contract for contract in ContractType.objects.all()}
        self.image_model = get_image_model()
        self.portrait_pool = {}
        self.now = timezone.now()
        self.today = timezone.localdate()

    def create(self, start, stop):
        if start >= stop:
            return 0
        if not self.business_lines or not self.departments:
            raise CommandError(
                "Les données de référence (secteurs, départements) manquent : lancez d'abord "
                "`manage.py migrate`."
            )
        dates = {}
        # Each CV is saved three times (creation, revision, publication) and each save
        # would update the search and reference indexes; update them once per CV instead.
        with search_auto_update_disabled(), disable_reference_index_auto_update():
            for number in range(start, stop):
                spec = self.spec(number)
                cv = self.build(number, spec)
                self.index.add_child(instance=cv)
                cv.save_revision(clean=False).publish()
                dates[cv.pk] = (self.published_at(number, spec), spec["shares"])
                done = number - start + 1
                if done % 100 == 0:
                    self.stdout.write(f"  {done} CV créés…")
        index_cvs(list(dates))
        for cv in CVPage.objects.filter(pk__in=list(dates)):
            ReferenceIndex.create_or_update_for_object(cv)
        for pk, (published_at, shares) in dates.items():
            Page.objects.filter(pk=pk).update(
                first_published_at=published_at,
                last_published_at=published_at,
                latest_revision_created_at=published_at,
            )
            CVPage.objects.filter(pk=pk).update(share_count=shares)
        return stop - start

    # -- what each CV says --------------------------------------------------

    def spec(self, number):
        handwritten = demo_data.CANDIDATES
        rng = random.Random(number)
        if number < len(handwritten):
            spec = dict(handwritten[number])
            spec.setdefault("months_ago", 0)
            spec["cohort"] = home_demo.cohort_slug_for(spec["first_name"])
            spec["shares"] = rng.randint(0, 45)
            spec["portrait"] = (
                ("own", PORTRAIT_SEED_OFFSET + number) if spec.get("photo", True) else None
            )
            return spec
        return self.generated_spec(rng)

    def generated_spec(self, rng):
        """A CV made of hand-written pieces: job, story and skills from one candidate,
        a new name, places, passions and situation."""
        base = rng.choice(demo_data.CANDIDATES)
        presentation = base["presentation"]
        first_names = demo_data.EXTRA_FIRST_NAMES[presentation] + [
            c["first_name"] for c in demo_data.CANDIDATES if c["presentation"] == presentation
        ]
        last_names = demo_data.EXTRA_LAST_NAMES + [c["last_name"] for c in demo_data.CANDIDATES]
        spec = dict(base)
        spec["first_name"] = rng.choice(first_names)
        spec["last_name"] = rng.choice(last_names)
        if rng.random() < 0.6:
            region = rng.choice(demo_data.REGION_DEPARTMENTS)
            spec["departments"] = rng.sample(region, k=min(len(region), rng.randint(1, 3)))
        passions = list(dict.fromkeys(base["passions"] + demo_data.EXTRA_PASSIONS))
        spec["passions"] = rng.sample(passions, k=rng.randint(1, 4))
        spec["availability"] = rng.choice(demo_data.EXTRA_AVAILABILITIES)
        spec["mobility"] = rng.choice(demo_data.EXTRA_MOBILITIES)
        spec["licence"] = "Permis B" in spec["mobility"] or rng.random() < 0.2
        if rng.random() < 0.5:
            spec["recommendations"] = []
        status = rng.choices(["looking", "employed", "hidden"], weights=[75, 20, 5])[0]
        spec["status"] = status
        spec["employed_until_days"] = (
            rng.randint(30, 240) if status == "employed" and rng.random() < 0.3 else None
        )
        spec["months_ago"] = rng.choice([0, 0, 0, 1, 1, 2, 3, 4, 5])
        spec["shares"] = rng.randint(0, 80)
        spec["portrait"] = (
            ("pool", presentation, rng.randrange(PORTRAIT_POOL_SIZE // 2))
            if rng.random() < 0.92
            else None
        )
        return spec

    def build(self, number, spec):
        photo = self.photo(spec)
        until_days = spec.get("employed_until_days")
        cv = CVPage(
            first_name=spec["first_name"],
            last_name=spec["last_name"],
            photo=photo,
            photo_consent=photo is not None,
            catchphrase=spec["catchphrase"],
            story=spec["story"],
            strengths=stream("strength", spec["strengths"]),
            skills=stream("skill", spec["skills"]),
            passions=stream("passion", spec["passions"]),
            languages=stream(
                "language",
                [{"language": language, "level": level} for language, level in spec["languages"]],
            ),
            availability=spec["availability"],
            mobility=spec["mobility"],
            has_driving_licence=spec["licence"],
            experiences=stream("experience", [experience(item) for item in spec["experiences"]]),
            trainings=stream("training", [training(item) for item in spec["trainings"]]),
            recommendations=stream("recommendation", spec["recommendations"]),
            coach=self.coaches[number % len(self.coaches)],
            cohort=self.cohorts.get(spec.get("cohort"), self.cohort),
            employment_status=EmploymentStatus(spec["status"]),
            employed_until=(
                self.today + datetime.timedelta(days=until_days) if until_days else None
            ),
            email=f"{slugify(spec['first_name'])}.{slugify(spec['last_name'])}{number}@prive.example",
            phone=f"06 {number // 100 % 100:02d} {number % 100:02d} 00 00",
        )
        cv.career_path = [
            CareerPathItem(business_line=self.business_lines[slug], target_job=job, sort_order=i)
            for i, (slug, job) in enumerate(spec["career"])
        ]
        cv.locations = [self.departments[code] for code in spec["departments"]]
        cv.contract_types = [self.contract_types[slug] for slug in spec["contracts"]]
        return cv

    def published_at(self, number, spec):
        months = spec["months_ago"]
        if months == 0:
            # This month: a few minutes apart, so that the order is stable.
            return self.now - datetime.timedelta(minutes=number)
        rng = random.Random(f"date-{number}")
        day = months_before(self.today, months, rng.randint(1, 28))
        moment = datetime.time(rng.randint(8, 19), rng.randint(0, 59))
        return timezone.make_aware(datetime.datetime.combine(day, moment))

    # -- portraits ------------------------------------------------------------

    def photo(self, spec):
        portrait = spec["portrait"]
        if portrait is None:
            return None
        if portrait[0] == "own":
            return self.save_portrait(
                portrait[1],
                f"Portrait d'illustration — {spec['first_name']}",
                presentation=spec["presentation"],
                **{"grey_hair": False, **spec.get("looks", {})},
            )
        key = portrait[1:]
        if key not in self.portrait_pool:
            presentation, position = key
            seed = POOL_SEED_OFFSET + position * 2 + (presentation == "m")
            self.portrait_pool[key] = self.save_portrait(
                seed,
                f"Portrait d'illustration n° {seed - POOL_SEED_OFFSET + 1}",
                presentation=presentation,
            )
        return self.portrait_pool[key]

    def save_portrait(self, seed, title, **looks):
        data = generate_portrait(seed, PORTRAIT_SIZE, **looks)
        image = self.image_model(title=title, file=ImageFile(BytesIO(data), name="portrait.jpg"))
        image.save()
        return image


@contextmanager
def search_auto_update_disabled():
    """Saves don't touch the search index inside this block (AUTO_UPDATE off)."""
    backends = copy.deepcopy(settings.WAGTAILSEARCH_BACKENDS)
    for params in backends.values():
        params["AUTO_UPDATE"] = False
    with override_settings(WAGTAILSEARCH_BACKENDS=backends):
        yield


def index_cvs(pks, chunk_size=200):
    """Add CVs to every search backend, a few hundred at a time."""
    related = ("career_path__business_line", "locations__region", "contract_types")
    for backend in get_search_backends(with_auto_update=True):
        for offset in range(0, len(pks), chunk_size):
            chunk = pks[offset : offset + chunk_size]
            cvs = CVPage.get_indexed_objects().filter(pk__in=chunk).prefetch_related(*related)
            backend.add_bulk(CVPage, list(cvs))


def stream(block_type, values):
    return [{"type": block_type, "value": value} for value in values]


def experience(item):
    return {
        "title": item["title"],
        "organisation": item.get("organisation", ""),
        "location": item.get("location", ""),
        "period": item.get("period", ""),
        "description": item.get("description", ""),
    }


def training(item):
    return {
        "title": item["title"],
        "organisation": item.get("organisation", ""),
        "period": item.get("period", ""),
        "description": item.get("description", ""),
    }
