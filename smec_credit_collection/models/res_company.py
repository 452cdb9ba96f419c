from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .smec_collection_criteria import collection_criteria
from .smec_collection_defaults import DEFAULT_PLAN_NAME, DEFAULT_STAGES


class ResCompany(models.Model):
    _inherit = "res.company"

    smec_quiet_start = fields.Float(string="Quiet Hours From", default=22.0)
    smec_quiet_end = fields.Float(string="Quiet Hours Until", default=8.0)
    smec_weekly_contact_cap = fields.Integer(
        string="Contacts per Partner per Week", default=3, help="No partner is contacted more often in seven days."
    )
    smec_is_sme = fields.Boolean(
        string="The Company Is an SME",
        default=True,
        help="Large enterprises and public bodies owe it the interest of the SME payment regulation.",
    )
    smec_interest_lpr_markup = fields.Float(
        string="LPR Markup (%)",
        default=0.0,
        help="Late-payment interest without an agreed rate is the one-year LPR raised by this share "
        "(courts allow 30 to 50 % for sales of goods).",
    )
    smec_interest_account_id = fields.Many2one(
        "account.account",
        string="Interest Income Account",
        domain="[('account_type', 'in', ('income', 'income_other'))]",
        help="Where invoiced late-payment interest goes; empty: the sales journal's default account.",
    )
    smec_lawyer_id = fields.Many2one(
        "res.partner",
        string="Law Firm",
        help="The law firm that signs the third-party stage's lawyer's letter and is proposed on new legal "
        "files; without one, the letter is the company's own final notice before legal action.",
    )
    smec_mediator_id = fields.Many2one(
        "res.partner",
        string="Mediation Body",
        help="The mediation the lawyer's letter proposes (a people's mediation committee, a commercial "
        "mediation centre), with its address and phone.",
    )
    smec_dunning_first_stage_id = fields.Many2one(
        "smec.collection.stage",
        string="First Contact At Most",
        domain="[('company_id', '=', id)]",
        help="A customer's first dunning contact is at this stage at most, however old its debt (by its days): "
        "chosen when the company goes live. Empty: the plan's first letter, the formal demand.",
    )
    smec_promise_grace_days = fields.Integer(
        string="Promise Grace Days",
        default=3,
        help="Days after a promised date before the promise counts as broken: bank transfers take time. A "
        "collector may give fewer, not more.",
    )
    smec_promise_max_days = fields.Integer(
        string="Promise Horizon (days)",
        default=90,
        help="A promise's last instalment falls at most this many days after the promise is made: dunning waits "
        "for a promise, never for longer.",
    )

    @api.constrains(
        "smec_quiet_start",
        "smec_quiet_end",
        "smec_weekly_contact_cap",
        "smec_promise_grace_days",
        "smec_promise_max_days",
        "smec_interest_lpr_markup",
    )
    def _check_smec_collection_rules(self):
        for company in self:
            if not (0 <= company.smec_quiet_start < 24 and 0 <= company.smec_quiet_end < 24):
                raise ValidationError(_("Quiet hours are times of day, from 00:00 to 23:59."))
            if company.smec_weekly_contact_cap < 1:
                raise ValidationError(_("A partner must be contactable at least once a week."))
            if not 0 <= company.smec_interest_lpr_markup <= 100:
                raise ValidationError(_("The LPR markup is a share between 0 and 100 %."))
            if not 0 <= company.smec_promise_grace_days <= 30:
                raise ValidationError(_("Promise grace days are between 0 and 30."))
            if not 1 <= company.smec_promise_max_days <= 366:
                raise ValidationError(_("A promise's horizon is between 1 and 366 days."))

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        companies._smec_create_default_plan()
        companies._smec_add_collection_criteria()
        return companies

    def _smec_add_collection_criteria(self):
        """Disputes and promises in each company's customer scorecard, once."""
        Card = self.env["smec.credit.scorecard"].sudo()
        for company in self:
            card = Card._default_for(company, "customer")
            if not card:
                continue
            present = set(card.criterion_ids.mapped("source"))
            card.write({"criterion_ids": [c for c in collection_criteria(self.env._) if c[2]["source"] not in present]})

    def _smec_create_default_plan(self):
        """The lawful sequence of collection, once per company, with its wording in
        English, simplified and traditional Chinese."""
        Plan = self.env["smec.collection.plan"].sudo().with_context(lang="en_US")
        for company in self:
            if Plan.search_count([("company_id", "=", company.id)], limit=1):
                continue
            Plan.create(
                {
                    "name": DEFAULT_PLAN_NAME["en_US"],
                    "company_id": company.id,
                    "is_default": True,
                    "stage_ids": [
                        (
                            0,
                            0,
                            {
                                "days_overdue": stage["days"],
                                "channel_email": stage["email"],
                                "channel_letter": stage["letter"],
                                "channel_call": stage["call"],
                                "hold_orders": stage["hold"],
                                "interval_days": stage["interval"],
                                "needs_confirmation": stage["confirm"],
                                "payment_days": stage["payment_days"],
                                **(
                                    {"letter_report_id": self.env.ref(stage["letter_report"]).id}
                                    if stage.get("letter_report")
                                    else {}
                                ),
                                **{field: texts["en_US"] for field, texts in stage["texts"].items()},
                            },
                        )
                        for stage in DEFAULT_STAGES
                    ],
                }
            )
        self.env["smec.collection.stage"]._smec_translate_defaults()
