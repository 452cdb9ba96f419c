from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .smec_collection_defaults import DEFAULT_PLAN_NAME, DEFAULT_STAGES

RESPONSIBLE = [("collector", "Collector"), ("salesperson", "Salesperson"), ("user", "A user")]


class SmecCollectionStage(models.Model):
    """A stage of a dunning plan: from how many days after the due date it applies
    (negative: before it), through which channels, with what wording, and who
    follows it up."""

    _name = "smec.collection.stage"
    _description = "Dunning Stage"
    _order = "plan_id, days_overdue, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    plan_id = fields.Many2one("smec.collection.plan", required=True, ondelete="cascade", index=True, check_company=True)
    company_id = fields.Many2one(related="plan_id.company_id", store=True, index=True, precompute=True)
    days_overdue = fields.Integer(
        string="Days",
        required=True,
        help="The stage applies from this many days past the due date (-3: 3 days before).",
    )
    channel_email = fields.Boolean(string="Email")
    channel_letter = fields.Boolean(string="Printed Letter")
    channel_call = fields.Boolean(string="Call Task")
    hold_orders = fields.Boolean(
        help="The partner's orders are held and a Collection Manager is asked to open the legal file."
    )
    mail_template_id = fields.Many2one(
        "mail.template",
        string="Email Template",
        domain="[('model', '=', 'smec.collection.contact')]",
        default=lambda self: self.env.ref("smec_credit_collection.mail_template_dunning", raise_if_not_found=False),
    )
    letter_report_id = fields.Many2one(
        "ir.actions.report",
        string="Letter Template",
        domain="[('model', '=', 'smec.collection.contact'), ('report_type', '=', 'qweb-pdf')]",
        default=lambda self: self.env.ref(
            "smec_credit_collection.action_report_dunning_letter", raise_if_not_found=False
        ),
    )
    responsible = fields.Selection(RESPONSIBLE, required=True, default="collector")
    user_id = fields.Many2one("res.users", string="Responsible User", domain="[('share', '=', False)]")
    needs_confirmation = fields.Boolean(
        help="A Collection Manager confirms each contact of this stage before it goes out."
    )
    interval_days = fields.Integer(
        string="Days Between Contacts", default=7, required=True, help="The stage is not sent again within these days."
    )
    payment_days = fields.Integer(
        string="Days to Pay", default=10, help="The letter's payment deadline, from its date."
    )
    wording_default = fields.Text(translate=True)
    wording_owner = fields.Text(string="Wording for an Owner", translate=True)
    wording_large = fields.Text(string="Wording for a Large Company", translate=True)
    script_default = fields.Text(string="Call Script", translate=True)
    script_owner = fields.Text(string="Call Script for an Owner", translate=True)
    script_large = fields.Text(string="Call Script for a Large Company", translate=True)
    description = fields.Text(translate=True)

    _interval_positive = models.Constraint(
        "CHECK(interval_days > 0)", "The days between two contacts must be positive."
    )
    _days_plan_unique = models.UniqueIndex(
        "(plan_id, days_overdue) WHERE active", "Two active stages of a plan cannot start on the same day."
    )

    @api.constrains("channel_email", "channel_letter", "channel_call", "hold_orders", "plan_id")
    def _check_channel(self):
        for stage in self:
            if not (stage.channel_email or stage.channel_letter or stage.channel_call or stage.hold_orders):
                raise ValidationError(
                    _("The stage %(stage)s does nothing: choose a channel or holding the orders.", stage=stage.name)
                )

    @api.constrains("responsible", "user_id", "plan_id")
    def _check_user(self):
        for stage in self:
            if stage.responsible == "user" and not stage.user_id:
                raise ValidationError(_("The stage %(stage)s names no responsible user.", stage=stage.name))

    def _wording(self, customer_type):
        self.ensure_one()
        return self[f"wording_{customer_type}"] or self.wording_default or ""

    def _script(self, customer_type):
        self.ensure_one()
        return self[f"script_{customer_type}"] or self.script_default or ""

    @api.model
    def _smec_translate_defaults(self, langs=None):
        """Give the shipped texts their Chinese translations, on every stage (and
        plan) that still has the shipped English text; called when a company is
        created and when a language is loaded, so a language activated later
        gets them too. A text a manager rewrote is left alone."""
        installed = {code for code, _name in self.env["res.lang"].get_installed()}
        langs = installed & set(langs or installed) & {"zh_CN", "zh_TW"}
        if not langs:
            return
        Stage = self.sudo().with_context(lang="en_US", active_test=False)
        for stage in DEFAULT_STAGES:
            for field, texts in stage["texts"].items():
                for record in Stage.search([(field, "=", texts["en_US"])]):
                    record.update_field_translations(field, {lang: texts[lang] for lang in langs})
        for plan in (
            self.env["smec.collection.plan"]
            .sudo()
            .with_context(lang="en_US", active_test=False)
            .search([("name", "=", DEFAULT_PLAN_NAME["en_US"])])
        ):
            plan.update_field_translations("name", {lang: DEFAULT_PLAN_NAME[lang] for lang in langs})
