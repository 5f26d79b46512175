"""Page model rules, through Wagtail's own admin forms and test helpers."""

from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from cv_pages.models import BusinessLine, CVIndexPage, CVPage
from home.models import HomePage


def cv_form_data(**overrides):
    line = BusinessLine.objects.get(slug="restauration")
    data = {
        "first_name": "Moussa",
        "last_name": "Traoré",
        "catchphrase": "Commis de cuisine rapide et soigneux",
        "career_path": inline_formset([{"business_line": line.pk, "target_job": "commis"}]),
        "story": "Arrivé en France en 2019, j'ai appris le français en cuisine.",
        "strengths": streamfield([("strength", "Ponctuel"), ("strength", "Calme")]),
        "skills": streamfield([]),
        "passions": streamfield([("passion", "Football")]),
        "experiences": streamfield([]),
        "trainings": streamfield([]),
        "languages": streamfield([]),
        "recommendations": streamfield([]),
        "employment_status": "looking",
        "slug": "",
    }
    data.update(overrides)
    return nested_form_data(data)


class CVPageModelTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        root = Page.get_first_root_node()
        cls.home = root.add_child(instance=HomePage(title="Accueil", slug="accueil"))
        Site.objects.update(root_page=cls.home, hostname="testserver")
        cls.index = cls.home.add_child(
            instance=CVIndexPage(title="Les candidats", slug="candidats")
        )

    def setUp(self):
        self.login()

    def test_parent_and_child_rules(self):
        self.assertAllowedParentPageTypes(CVPage, {CVIndexPage})
        self.assertAllowedSubpageTypes(CVPage, set())
        self.assertAllowedSubpageTypes(CVIndexPage, {CVPage})
        self.assertAllowedParentPageTypes(CVIndexPage, {HomePage})
        self.assertCanNotCreateAt(HomePage, CVPage)
        self.assertCanCreateAt(CVIndexPage, CVPage)

    def test_cv_is_creatable_from_the_admin_form(self):
        self.assertCanCreate(self.index, CVPage, cv_form_data())
        cv = CVPage.objects.get(first_name="Moussa")
        # The public name and the address come from the first name and initial only.
        self.assertEqual(cv.title, "Moussa T.")
        self.assertEqual(cv.slug, "moussa-t")
        self.assertEqual(cv.career_sentence, "dans la restauration comme commis")

    def test_admin_form_rejects_a_third_career_path_and_keeps_the_rest(self):
        lines = BusinessLine.objects.all()[:3]
        data = cv_form_data(
            career_path=inline_formset(
                [{"business_line": line.pk, "target_job": "agent"} for line in lines]
            )
        )
        response = self.client.post(f"/admin/pages/add/cv_pages/cvpage/{self.index.pk}/", data)
        self.assertEqual(response.status_code, 200)
        self.assertFalse(CVPage.objects.filter(first_name="Moussa").exists())
        self.assertContains(response, "Commis de cuisine rapide et soigneux")

    def test_admin_form_rejects_too_long_catchphrase_in_french(self):
        data = cv_form_data(catchphrase="x" * 81)
        response = self.client.post(f"/admin/pages/add/cv_pages/cvpage/{self.index.pk}/", data)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "80 caractères")
        self.assertContains(response, "x" * 81)
        self.assertFalse(CVPage.objects.filter(first_name="Moussa").exists())

    def test_pages_are_routable_renderable_editable_and_previewable(self):
        self.assertCanCreate(self.index, CVPage, cv_form_data())
        cv = CVPage.objects.get(first_name="Moussa")
        cv.save_revision().publish()
        home_data = nested_form_data(
            {"title": "Accueil", "slug": "accueil", "intro": "", "body": streamfield([])}
        )
        previews = {
            self.home.pk: home_data,
            self.index.pk: None,
            cv.pk: cv_form_data(slug=cv.slug),
        }
        for page in (self.home, self.index, cv):
            page = Page.objects.get(pk=page.pk).specific
            page.save_revision().publish()
            self.assertPageIsRoutable(page)
            self.assertPageIsRenderable(page)
            self.assertPageIsEditable(page, post_data=previews[page.pk])
            self.assertPageIsPreviewable(page, post_data=previews[page.pk])
