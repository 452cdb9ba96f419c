from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import email_normalize

from .smec_collection_plan import CUSTOMER_TYPES

CREDIT_MANAGER = "smec_credit.group_credit_manager"
COLLECTION_MANAGER = "smec_credit_collection.group_collection_manager"


class SmecCreditLog(models.Model):
    _inherit = "smec.credit.log"

    field = fields.Selection(
        selection_add=[
            ("guarantors", "Guarantors"),
            ("late_interest_rate", "Agreed late-payment interest"),
            ("notice_email", "Email for notices"),
            ("dunning_plan", "Dunning plan"),
        ],
        ondelete={
            "guarantors": "cascade",
            "late_interest_rate": "cascade",
            "notice_email": "cascade",
            "dunning_plan": "cascade",
        },
    )


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.model
    def _smec_credit_fields(self):
        """Whom dunning writes to, at what rate interest runs, which address a demand must reach and which plan
        chases the customer: credit terms, restricted and logged like the limit (smec_credit_log.py)."""
        return {
            **super()._smec_credit_fields(),
            "smec_guarantor_ids": ("guarantors", (CREDIT_MANAGER,)),
            "smec_late_interest_rate": ("late_interest_rate", (CREDIT_MANAGER,)),
            "smec_notice_email": ("notice_email", (CREDIT_MANAGER, COLLECTION_MANAGER)),
            "smec_collection_plan_id": ("dunning_plan", (CREDIT_MANAGER, COLLECTION_MANAGER)),
        }

    smec_customer_type = fields.Selection(
        CUSTOMER_TYPES,
        string="Customer Type",
        default="default",
        help="How dunning addresses the partner: to a small-business owner, the long-term relationship; "
        "to a large company, its finance department.",
    )
    smec_collection_plan_id = fields.Many2one(
        "smec.collection.plan",
        string="Dunning Plan",
        company_dependent=True,
        domain="[('company_id', '=', current_company_id)]",
        help="Set by hand; otherwise the plan of the partner's grade, of its customer type, or the default plan.",
    )

    @api.constrains("smec_collection_plan_id")
    def _check_smec_collection_plan_id(self):
        """A plan set by hand is one of the company the partner follows it in."""
        company = self.env.company
        for partner in self.with_company(company):
            plan = partner.smec_collection_plan_id
            if plan and plan.company_id != company:
                raise ValidationError(
                    _(
                        "The dunning plan %(plan)s is %(other)s's: %(partner)s follows a plan of %(company)s here.",
                        plan=plan.display_name,
                        other=plan.company_id.name,
                        partner=partner.display_name,
                        company=company.name,
                    )
                )

    smec_collector_id = fields.Many2one(
        "res.users", string="Collector", company_dependent=True, domain="[('share', '=', False)]"
    )
    smec_guarantor_ids = fields.Many2many(
        "res.partner",
        "smec_partner_guarantor_rel",
        "partner_id",
        "guarantor_id",
        string="Guarantors",
        help="Registered guarantors of the partner's debts: dunning writes to them too, and to no one else.",
    )
    smec_late_interest_rate = fields.Float(
        string="Agreed Late-Payment Interest (% a year)",
        company_dependent=True,
        digits=(5, 2),
        help="The rate agreed with the customer; a rate on the sale order comes first. Empty: the rate of the law.",
    )
    smec_notice_email = fields.Char(
        string="Email for Notices",
        help="The address the customer designated for notices (in the contract, or in writing). A dunning email "
        "restarts the limitation period only when it was addressed to it and did not come back; it is then "
        "weaker evidence than a letter signed for.",
    )
    smec_may_set_collection_terms = fields.Boolean(
        string="May Set Collection Terms",
        compute="_compute_smec_may_set_collection_terms",
        help="The current user may change the dunning plan and the address for notices (a Credit or Collection "
        "Manager).",
    )
    smec_collection_contact_count = fields.Integer(compute="_compute_smec_collection_contact_count")
    smec_dispute_count = fields.Integer(string="Open Disputes", compute="_compute_smec_disputes")
    smec_disputed_amount = fields.Monetary(
        string="Disputed",
        compute="_compute_smec_disputes",
        currency_field="smec_company_currency_id",
        help="Open and in-negotiation disputes of the current company: out of dunning and of the overdue hold.",
    )
    smec_company_currency_id = fields.Many2one("res.currency", compute="_compute_smec_disputes")

    @api.depends_context("uid")
    def _compute_smec_may_set_collection_terms(self):
        user = self.env.user
        self.smec_may_set_collection_terms = user.has_group(CREDIT_MANAGER) or user.has_group(COLLECTION_MANAGER)

    def _compute_smec_disputes(self):
        company = self.env.company
        # figures only, shown to whoever sees the partner's credit tab
        groups = (
            self.env["smec.collection.dispute"]
            .sudo()
            ._read_group(
                [
                    ("partner_id", "in", self.commercial_partner_id.ids),
                    ("company_id", "=", company.id),
                    ("state", "in", ("open", "negotiation")),
                ],
                ["partner_id"],
                ["__count", "amount:sum"],
            )
        )
        figures = {partner: (count, amount) for partner, count, amount in groups}
        for partner in self:
            count, amount = figures.get(partner.commercial_partner_id, (0, 0.0))
            partner.smec_dispute_count, partner.smec_disputed_amount = count, amount
            partner.smec_company_currency_id = company.currency_id

    smec_promise_kept_rate = fields.Float(
        string="Promises Kept (%)",
        compute="_compute_smec_promise_kept_rate",
        help="Promises kept out of those settled in the last 12 months, in the current company.",
    )

    def _compute_smec_promise_kept_rate(self):
        rates = self.env["smec.collection.promise"]._kept_rates(
            self.commercial_partner_id.ids, self.env.company, fields.Date.context_today(self)
        )
        for partner in self:
            partner.smec_promise_kept_rate = rates.get(partner.commercial_partner_id.id) or 0.0

    def action_smec_promises(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("smec_credit_collection.smec_collection_promise_action")
        action["domain"] = [("partner_id", "=", self.commercial_partner_id.id)]
        action["context"] = {"default_partner_id": self.commercial_partner_id.id}
        return action

    def action_smec_disputes(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("smec_credit_collection.smec_collection_dispute_action")
        action["domain"] = [("partner_id", "=", self.commercial_partner_id.id)]
        action["context"] = {"default_partner_id": self.commercial_partner_id.id}
        return action

    def _compute_smec_collection_contact_count(self):
        counts = dict(
            self.env["smec.collection.contact"]._read_group(
                [("partner_id", "in", self.commercial_partner_id.ids)], ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            partner.smec_collection_contact_count = counts.get(partner.commercial_partner_id, 0)

    def _smec_follow_up_user(self, company):
        """Who follows the customer up in ``company``: its collector, else its
        salesperson, else a Collection Manager of the company; never a technical
        user (OdooBot), and the administrator only when no one else is."""
        self.ensure_one()
        partner = self.commercial_partner_id.with_company(company)
        Users = self.env["res.users"]
        chosen = Users._smec_people(partner.smec_collector_id | partner.user_id, company)
        return chosen[:1] or Users._smec_collection_managers(company)[:1]

    def _smec_dunning_recipients(self):
        """Whom dunning may write to: the partner's own invoicing contacts with an
        email address, else the partner itself, and its registered guarantors;
        never anyone else (DOMAIN.md 6)."""
        self.ensure_one()
        partner = self.commercial_partner_id
        invoicing = partner.child_ids.filtered(lambda c: c.type == "invoice" and c.email)
        # the contact whose address the customer designated for notices (a demand must reach it)
        notice = email_normalize(partner.smec_notice_email or "")
        noticed = (partner | partner.child_ids).filtered(lambda c: notice and c.email_normalized == notice)
        return (invoicing or partner.filtered("email")) | noticed[:1] | partner.smec_guarantor_ids.filtered("email")

    def action_smec_collection_contacts(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("smec_credit_collection.smec_collection_contact_action")
        action["domain"] = [("partner_id", "=", self.commercial_partner_id.id)]
        action["context"] = {"search_default_group_stage": 0}
        return action

    def action_smec_statement(self):
        """A new statement of account of the partner, this year until today."""
        self.ensure_one()
        statement = self.env["smec.collection.statement"].create({"partner_id": self.commercial_partner_id.id})
        return {
            "type": "ir.actions.act_window",
            "res_model": statement._name,
            "res_id": statement.id,
            "view_mode": "form",
        }
