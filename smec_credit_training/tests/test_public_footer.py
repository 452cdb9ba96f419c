"""The public pages (the certificate verification page, the enrolment form, the portal's pages) name the company that
publishes them in their footer, "Copyright © 佛山市禾信建材贸易有限公司", never Odoo's "YourCompany": read over
HTTP as a visitor and a trainee get them."""

import re

from lxml import html

from odoo.tests import HttpCase, new_test_user, tagged

NAME = "佛山市禾信建材贸易有限公司"


@tagged("post_install", "-at_install")
class TestPublicFooter(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the company of the public user and of the trainees: the one the public pages show
        cls.company = cls.env.ref("base.main_company")
        cls.company.name = NAME
        cls.trainee = new_test_user(cls.env, "smec_footer_trainee", groups="base.group_portal", name="王芳")

    def footer(self, path):
        response = self.url_open(path)
        self.assertEqual(response.status_code, 200, path)
        self.assertNotIn("YourCompany", response.text, path)
        names = html.fromstring(response.content).xpath(
            "//footer//*[contains(concat(' ', normalize-space(@class), ' '), ' o_footer_copyright_name ')]"
        )
        self.assertEqual(len(names), 1, path)
        return re.sub(r"\s+", " ", names[0].text_content()).strip()

    def test_the_verification_and_enrolment_pages_name_the_company(self):
        for path in ("/certificate/verify", "/training/enrol"):
            with self.subTest(path=path):
                self.assertEqual(self.footer(path), f"Copyright © {NAME}")

    def test_the_trainees_portal_pages_name_the_company(self):
        self.authenticate("smec_footer_trainee", "smec_footer_trainee")
        for path in ("/my", "/my/training"):
            with self.subTest(path=path):
                self.assertEqual(self.footer(path), f"Copyright © {NAME}")
