"""Our Credit: the company's own record on one page, for its credit manager.

What can damage the company's own credit (bills it has not paid, filings it
has missed, public records against it) and what it is owed under the law on
payments to SMEs by its large customers and public bodies, each with what to do
next and a button to the list behind the figure.
"""

import datetime

from markupsafe import Markup

from odoo import _, api, fields, models

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
    @api.depends("company_id", "date")
    def _compute_display_name(self):
        for page in self:
            page.display_name = _("Our Credit on %(date)s", date=page.date or "")

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

    def _payables_domain(self):
        """The company's posted supplier bills still open and due within the warning days (or overdue)."""
        self.ensure_one()
        return [
            ("company_id", "=", self.company_id.id),
            ("move_type", "in", ("in_invoice", "in_receipt")),
            ("state", "=", "posted"),
            ("payment_state", "not in", ("paid", "in_payment", "reversed")),
            ("amount_residual_signed", "!=", 0),
            ("invoice_date_due", "<=", self.date + datetime.timedelta(days=self.warn_days)),
        ]

    def _large_debtors_domain(self):
        """Customer invoices of large enterprises and public bodies still open more than 60 days after the invoice
        date (the delivery, as far as the ledger knows)."""
        self.ensure_one()
        return [
            ("company_id", "=", self.company_id.id),
            ("move_type", "=", "out_invoice"),
            ("state", "=", "posted"),
            ("amount_residual_signed", ">", 0),
            ("invoice_date", "<", self.date - datetime.timedelta(days=LARGE_DEBTOR_DAYS)),
            ("commercial_partner_id.smec_debtor_size", "in", ("large", "public")),
        ]

    def _payables(self):
        """``(overdue count, overdue amount, due-soon count, due-soon amount)`` of ``_payables_domain``, in company
        currency (one grouped read)."""
        rows = dict.fromkeys((True, False), (0, 0.0))
        Move = self.env["account.move"].sudo()
        for overdue, count, residual in Move._read_group(
            self._payables_domain(), ["invoice_date_due:day"], ["__count", "amount_residual_signed:sum"]
        ):
            key = overdue < self.date
            rows[key] = (rows[key][0] + count, rows[key][1] - residual)
        return (*rows[True], *rows[False])

    def _large_debtors_late(self):
        """``(count, amount)`` of ``_large_debtors_domain`` (one grouped read)."""
        [(count, residual)] = (
            self.env["account.move"]
            .sudo()
            ._read_group(self._large_debtors_domain(), [], ["__count", "amount_residual_signed:sum"])
        )
        return count, residual or 0.0

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
        return {
            "type": "ir.actions.act_window",
            "name": _("Supplier Bills To Pay"),
            "res_model": "account.move",
            "view_mode": "list,form",
            "domain": self._payables_domain(),
            "context": {"default_move_type": "in_invoice", "create": False},
        }

    def action_open_large_debtors(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Large Customers Past 60 Days"),
            "res_model": "account.move",
            "view_mode": "list,form",
            "domain": self._large_debtors_domain(),
            "context": {"create": False},
        }

    def action_open_deadlines(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("smec_credit_own.smec_credit_obligation_deadline_action")
        action["domain"] = [("company_id", "=", self.company_id.id), ("done_date", "=", False)]
        return action

    def action_open_records(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("smec_credit_own.smec_credit_public_record_action")
        action["domain"] = [("company_id", "=", self.company_id.id), ("state", "=", "open")]
        return action
