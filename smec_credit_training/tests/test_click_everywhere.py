from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestTrainingClickEverywhere(HttpCase):
    """Every menu, view and filter of the Credit Training app opens without
    error for a Training Officer and a Training Manager, with a class and an
    enrolment in the lists (Odoo's click-everywhere robot)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.officer = new_test_user(cls.env, "smec_officer", groups="smec_credit_training.group_training_officer")
        cls.manager = new_test_user(cls.env, "smec_training_mgr", groups="smec_credit_training.group_training_manager")
        training_class = cls.env["smec.training.class"].create(
            {"name": "Credit manager, Beijing, March", "date_start": "2027-03-01", "date_end": "2027-03-21"}
        )
        trainee = cls.env["res.partner"].create({"name": "Zhang Wei", "email": "zhang@example.com"})
        cls.env["smec.training.enrolment"].create({"class_id": training_class.id, "partner_id": trainee.id})

    def click_everywhere(self, login):
        self.browser_js(
            "/odoo",
            "odoo.loader.modules.get('@web/webclient/clickbot/clickbot_loader')"
            ".startClickEverywhere('smec_credit_training.smec_training_menu_root');",
            "odoo.isReady === true",
            login=login,
            timeout=600,
            success_signal="clickbot test succeeded",
        )

    def test_officer_and_manager_open_every_menu_view_and_filter(self):
        # one test for both roles: each test builds the web client's assets again
        for user in (self.officer, self.manager):
            with self.subTest(user=user.login):
                self.click_everywhere(user.login)
