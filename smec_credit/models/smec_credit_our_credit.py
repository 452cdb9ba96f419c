"""Our Credit: the company's own record on one page, for its credit manager.

What can damage the company's own credit (bills it has not paid, filings it
has missed, public records against it) and what it is owed under the law on
payments to SMEs by its large customers and public bodies, each with what to do
next and a button to the list behind the figure.
"""

import datetime

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.tools import SQL

from .smec_credit_public_record import GUIDANCE

# public bodies and large enterprises pay an SME within 60 days of delivery (保障中小企业款项支付条例, Art. 9)
LARGE_DEBTOR_DAYS = 60


class SmecCreditOurCredit(models.TransientModel):
    _name = "smec.credit.our.credit"
    _description = "Our Credit"

    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    date = fields.Date(default=fields.Date.context_today, readonly=True)
    warn_days = fields.Integer(related="company_id.smec_payable_warn_days")

    payable_overdue_count = fields.Integer(string="Overdue Bills", compute="_compute_figures")
    payable_overdue_amount = fields.Monetary(string="Overdue To Suppliers", compute="_compute_figures")
    payable_soon_count = fields.Integer(string="Bills Due Soon", compute="_compute_figures")
    payable_soon_amount = fields.Monetary(string="Due Soon To Suppliers", compute="_compute_figures")
    large_late_count = fields.Integer(string="Invoices Past 60 Days", compute="_compute_figures")
    large_late_amount = fields.Monetary(string="Owed Past 60 Days", compute="_compute_figures")
    deadline_soon_count = fields.Integer(string="Deadlines In 30 Days", compute="_compute_figures")
    deadline_missed_count = fields.Integer(string="Missed Deadlines", compute="_compute_figures")
    record_open_count = fields.Integer(string="Public Records", compute="_compute_figures")
    advice = fields.Html(string="What To Do", compute="_compute_figures", sanitize=True)

    @api.model
    def action_open(self):
        """The page, as of today, for the current company."""
        page = self.create({})
        return {
            "type": "ir.actions.act_window",
            "name": _("Our Credit"),
            "res_model": self._name,
            "res_id": page.id,
            "view_mode": "form",
            "target": "current",
        }

    def _payables(self):
        """``(overdue count, overdue amount, due-soon count, due-soon amount)`` of the company's posted supplier
        bills still open, in company currency (one statement)."""
        self.ensure_one()
        self.env["account.move"].flush_model(
            ["company_id", "move_type", "state", "invoice_date_due", "amount_residual_signed", "payment_state"]
        )
        soon = self.date + datetime.timedelta(days=self.warn_days)
        return self.env.execute_query(
            SQL(
                """
                SELECT COUNT(*) FILTER (WHERE invoice_date_due < %(today)s),
                       COALESCE(-SUM(amount_residual_signed) FILTER (WHERE invoice_date_due < %(today)s), 0),
                       COUNT(*) FILTER (WHERE invoice_date_due >= %(today)s),
                       COALESCE(-SUM(amount_residual_signed) FILTER (WHERE invoice_date_due >= %(today)s), 0)
                  FROM account_move
                 WHERE company_id = %(company)s AND move_type IN ('in_invoice', 'in_receipt')
                   AND state = 'posted' AND payment_state NOT IN ('paid', 'in_payment', 'reversed')
                   AND amount_residual_signed <> 0 AND invoice_date_due <= %(soon)s
                """,
                today=self.date,
                soon=soon,
                company=self.company_id.id,
            )
        )[0]

    def _large_debtors_late(self):
        """``(count, amount)`` of customer invoices of large enterprises and public bodies still open more than 60
        days after the invoice date (the delivery, as far as the ledger knows)."""
        self.ensure_one()
        self.env["account.move"].flush_model(
            ["company_id", "move_type", "state", "invoice_date", "amount_residual_signed", "commercial_partner_id"]
        )
        self.env["res.partner"].flush_model(["smec_debtor_size"])
        return self.env.execute_query(
            SQL(
                """
                SELECT COUNT(*), COALESCE(SUM(am.amount_residual_signed), 0)
                  FROM account_move am
                  JOIN res_partner p ON p.id = am.commercial_partner_id
                 WHERE am.company_id = %(company)s AND am.move_type = 'out_invoice' AND am.state = 'posted'
                   AND am.amount_residual_signed > 0 AND am.invoice_date < %(limit)s
                   AND p.smec_debtor_size IN ('large', 'public')
                """,
                company=self.company_id.id,
                limit=self.date - datetime.timedelta(days=LARGE_DEBTOR_DAYS),
            )
        )[0]

    @api.depends("company_id", "date")
    def _compute_figures(self):
        Deadline = self.env["smec.credit.obligation.deadline"]
        Record = self.env["smec.credit.public.record"]
        for page in self:
            overdue_n, overdue, soon_n, soon = page._payables()
            large_n, large = page._large_debtors_late()
            company = [("company_id", "=", page.company_id.id)]
            missed = Deadline.search([*company, ("done_date", "=", False), ("date_deadline", "<", page.date)])
            upcoming = Deadline.search_count(
                [
                    *company,
                    ("done_date", "=", False),
                    ("date_deadline", ">=", page.date),
                    ("date_deadline", "<=", page.date + datetime.timedelta(days=30)),
                ]
            )
            records = Record.search([*company, ("state", "=", "open")])
            page.update(
                {
                    "payable_overdue_count": overdue_n,
                    "payable_overdue_amount": overdue,
                    "payable_soon_count": soon_n,
                    "payable_soon_amount": soon,
                    "large_late_count": large_n,
                    "large_late_amount": large,
                    "deadline_soon_count": upcoming,
                    "deadline_missed_count": len(missed),
                    "record_open_count": len(records),
                    "advice": page._advice(overdue_n, missed, records, large_n),
                }
            )

    def _advice(self, overdue_n, missed, records, large_n):
        """What to do, most urgent first, as an HTML list."""
        steps = []
        if overdue_n:
            steps.append(
                _(
                    "Pay the %(count)s overdue supplier bills or agree new dates with the suppliers in writing: "
                    "unpaid bills reach court lists and suppliers' reports.",
                    count=overdue_n,
                )
            )
        for deadline in missed:
            steps.append(
                _(
                    "%(name)s was due %(date)s: file it now (late filing fees and the publicity system's "
                    "listing grow with time), then record it as done.",
                    name=deadline.display_name,
                    date=deadline.date_deadline,
                )
            )
        for record in records:
            steps.append(f"{record.name}: {GUIDANCE[record.kind]._translate(self.env.lang)}")
        if large_n:
            steps.append(
                _(
                    "%(count)s invoices of large enterprises or public bodies are open more than 60 days: they owe "
                    "within 60 days of delivery by law; claim them, with late-payment interest.",
                    count=large_n,
                )
            )
        if not steps:
            return Markup("<p>%s</p>") % _("Nothing to do: the company's own record is clean.")
        return Markup("<ol>%s</ol>") % Markup().join(Markup("<li>%s</li>") % step for step in steps)

    # ------------------------------------------------------------
    # the lists behind the figures
    # ------------------------------------------------------------

    def action_open_payables(self):
        self.ensure_one()
        soon = self.date + datetime.timedelta(days=self.warn_days)
        return {
            "type": "ir.actions.act_window",
            "name": _("Supplier Bills To Pay"),
            "res_model": "account.move",
            "view_mode": "list,form",
            "domain": [
                ("company_id", "=", self.company_id.id),
                ("move_type", "in", ("in_invoice", "in_receipt")),
                ("state", "=", "posted"),
                ("payment_state", "not in", ("paid", "in_payment", "reversed")),
                ("invoice_date_due", "<=", soon),
            ],
            "context": {"default_move_type": "in_invoice", "create": False},
        }

    def action_open_large_debtors(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Large Customers Past 60 Days"),
            "res_model": "account.move",
            "view_mode": "list,form",
            "domain": [
                ("company_id", "=", self.company_id.id),
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
                ("amount_residual_signed", ">", 0),
                ("invoice_date", "<", self.date - datetime.timedelta(days=LARGE_DEBTOR_DAYS)),
                ("commercial_partner_id.smec_debtor_size", "in", ("large", "public")),
            ],
            "context": {"create": False},
        }

    def action_open_deadlines(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("smec_credit.smec_credit_obligation_deadline_action")
        action["domain"] = [("company_id", "=", self.company_id.id), ("done_date", "=", False)]
        return action

    def action_open_records(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("smec_credit.smec_credit_public_record_action")
        action["domain"] = [("company_id", "=", self.company_id.id), ("state", "=", "open")]
        return action
