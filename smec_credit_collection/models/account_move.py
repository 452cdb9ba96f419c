"""What collection adds to a customer invoice: the part of it under dispute,
and its limitation clock (Civil Code Arts. 188, 189, 195).

The period is 3 years from the due date (for instalments, the last one's: what
Odoo's ``invoice_date_due`` holds) or from the latest restart event; the start
day is not counted, a period in years ends on the corresponding day (28 February
for a start on 29 February), and a last day that is a statutory rest day moves
to the first working day after it. The rest days come from ``smec_workday``;
while the expiry's year has no published schedule, the expiry is the unshifted
day, which the real one can only follow, and is marked provisional until the
year is published (the daily job recomputes it then).
"""

from datetime import timedelta

from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL, plaintext2html

from odoo.addons.smec_credit.models.account_move import AccountMove as CreditAccountMove
from odoo.addons.smec_credit.models.res_company_live import credit_live_sql
from odoo.addons.smec_credit.tools.cron import commit_progress
from odoo.addons.smec_workday.models.smec_workday_year import UnknownWorkdayYear

from ..tools.periods import LIMITATION_YEARS, add_years
from .smec_collection_dispute import OPEN_STATES

WARNING_DAYS = (90, 30)


class AccountMove(models.Model):
    _inherit = "account.move"

    _smec_code_fields = CreditAccountMove._smec_code_fields | {
        "smec_limitation_start",
        "smec_limitation_expiry",
        "smec_limitation_provisional",
        "smec_limitation_warned",
        "smec_limitation_warned_for",
        "smec_dispute_id",
        "smec_interest_until",
        "smec_interest_invoiced_until",
    }

    smec_interest_until = fields.Date(
        string="Interest Until",
        readonly=True,
        copy=False,
        help="On a debit note of late-payment interest: the last day of interest it invoices.",
    )
    smec_interest_invoiced_until = fields.Date(
        string="Interest Invoiced Until",
        compute="_compute_smec_interest_invoiced_until",
        store=True,
        help="The last day of late-payment interest invoiced by a debit note that is not cancelled.",
    )

    smec_dispute_id = fields.Many2one(
        "smec.collection.dispute",
        string="Dispute",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The dispute this credit note resolves.",
    )
    smec_dispute_line_ids = fields.One2many("smec.collection.dispute.line", "move_id", string="Dispute Lines")
    smec_disputed_amount = fields.Monetary(
        string="Disputed",
        compute="_compute_smec_disputed_amount",
        currency_field="currency_id",
        help="The part of the invoice under an open dispute: out of dunning and of the overdue hold.",
    )

    smec_limitation_event_ids = fields.One2many(
        "smec.collection.limitation.event", "move_id", string="Limitation Restarts"
    )
    smec_limitation_start = fields.Date(
        string="Limitation Runs From",
        compute="_compute_smec_limitation",
        store=True,
        help="The due date, or the latest event that restarted the limitation period.",
    )
    smec_limitation_expiry = fields.Date(
        string="Claim Expires On", compute="_compute_smec_limitation", store=True, index="btree_not_null"
    )
    smec_limitation_provisional = fields.Boolean(
        string="Expiry Provisional",
        compute="_compute_smec_limitation",
        store=True,
        help="The expiry's year has no published working-day calendar yet: the claim expires on this day or, if "
        "it is a rest day, on the first working day after it.",
    )
    smec_limitation_warned = fields.Integer(
        string="Limitation Warning (days)",
        copy=False,
        readonly=True,
        help="The last warning given before expiry, in days (90, then 30).",
    )
    smec_limitation_warned_for = fields.Date(
        string="Limitation Warning For",
        copy=False,
        readonly=True,
        help="The expiry the last warning was given for: a restart calls for new ones.",
    )
    smec_limitation_status = fields.Selection(
        [("running", "Running"), ("expiring", "Expires within 90 days"), ("expired", "Expired")],
        string="Limitation",
        compute="_compute_smec_limitation_status",
    )

    @api.depends("debit_note_ids.smec_interest_until", "debit_note_ids.state")
    def _compute_smec_interest_invoiced_until(self):
        for move in self:
            notes = move.debit_note_ids.filtered(lambda n: n.state != "cancel" and n.smec_interest_until)
            move.smec_interest_invoiced_until = max(notes.mapped("smec_interest_until"), default=False)

    def action_smec_invoice_interest(self):
        """A Collection Manager invoices the late-payment interest due until today
        as debit notes of the invoices (Odoo's own debit-note link)."""
        if not self.env.user.has_group("smec_credit_collection.group_collection_manager"):
            raise AccessError(_("Only a Collection Manager invoices late-payment interest."))
        self.check_access("read")
        today = fields.Date.context_today(self)
        interest = self.env["smec.collection.interest"]._interest(self, today)
        due = {move_id: figures for move_id, figures in interest.items() if figures["amount"] > 0}
        if not due:
            raise UserError(_("No late-payment interest is due on these invoices today."))
        notes = self.browse()
        for invoice in self.browse(list(due)):
            figures = due[invoice.id]
            account = invoice.company_id.smec_interest_account_id or invoice.journal_id.default_account_id
            # a draft for the accountants to post: Collection Managers need no invoicing rights
            notes |= self.sudo().create(
                {
                    "move_type": "out_invoice",
                    "invoice_user_id": self.env.user.id,
                    "partner_id": invoice.partner_id.id,
                    "company_id": invoice.company_id.id,
                    "journal_id": invoice.journal_id.id,
                    "invoice_date": today,
                    "currency_id": invoice.company_id.currency_id.id,
                    "debit_origin_id": invoice.id,
                    "ref": _("Late-payment interest on %(invoice)s", invoice=invoice.name),
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "name": _(
                                    "Late-payment interest on %(invoice)s, %(start)s to %(end)s, %(days)s days: "
                                    "%(basis)s",
                                    invoice=invoice.name,
                                    start=figures["from"],
                                    end=today,
                                    days=figures["days"],
                                    basis=figures["rate_label"],
                                ),
                                "quantity": 1,
                                "price_unit": figures["amount"],
                                "tax_ids": [Command.clear()],
                                "account_id": account.id,
                            }
                        )
                    ],
                }
            )
            notes[-1:].sudo().smec_interest_until = today
        return {
            "type": "ir.actions.act_window",
            "name": _("Interest Debit Notes"),
            "res_model": "account.move",
            "view_mode": "list,form",
            "domain": [("id", "in", notes.ids)],
        }

    @api.depends("smec_dispute_line_ids.amount", "smec_dispute_line_ids.state")
    def _compute_smec_disputed_amount(self):
        for move in self:
            lines = move.sudo().smec_dispute_line_ids.filtered(lambda d: d.state in OPEN_STATES)
            move.smec_disputed_amount = min(sum(lines.mapped("amount")), move.amount_residual)

    @api.depends("move_type", "state", "invoice_date_due", "smec_limitation_event_ids.date")
    def _compute_smec_limitation(self):
        Calendar = self.env["smec.workday.year"]
        for move in self:
            if move.move_type != "out_invoice" or move.state != "posted" or not move.invoice_date_due:
                move.smec_limitation_start = move.smec_limitation_expiry = False
                move.smec_limitation_provisional = False
                continue
            start = max([move.invoice_date_due, *move.smec_limitation_event_ids.mapped("date")])
            last_day = add_years(start, LIMITATION_YEARS)
            try:
                expiry, provisional = Calendar.first_working_day(last_day), False
            except UnknownWorkdayYear:
                expiry, provisional = last_day, True
            move.smec_limitation_start = start
            move.smec_limitation_expiry = expiry
            move.smec_limitation_provisional = provisional

    @api.depends("smec_limitation_expiry", "payment_state")
    @api.depends_context("smec_limitation_date")
    def _compute_smec_limitation_status(self):
        today = fields.Date.to_date(self.env.context.get("smec_limitation_date")) or fields.Date.context_today(self)
        for move in self:
            expiry = move.smec_limitation_expiry
            if not expiry or move.payment_state in ("paid", "in_payment", "reversed"):
                move.smec_limitation_status = False
            elif expiry < today:
                move.smec_limitation_status = "expired"
            elif expiry <= today + timedelta(days=WARNING_DAYS[0]):
                move.smec_limitation_status = "expiring"
            else:
                move.smec_limitation_status = "running"

    # ------------------------------------------------------------
    # THE DAILY JOB
    # ------------------------------------------------------------

    @api.model
    def _cron_limitation_clock(self, batch_size=200):
        """Settle the provisional expiries whose year is now published, then warn
        the Collection Manager 90 and 30 days before an open claim expires (once
        each: the invoice keeps the last warning given, in the same transaction)."""
        today = fields.Date.context_today(self)
        published = self.env["smec.workday.year"].search([("state", "=", "published")]).mapped("year")
        provisional = self.sudo().search([("smec_limitation_provisional", "=", True)])
        settled = provisional.filtered(lambda m: m.smec_limitation_expiry.year in published)
        self.env.add_to_compute(self._fields["smec_limitation_expiry"], settled)
        self.env.flush_all()
        rows = self.env.execute_query(
            SQL(
                """
                SELECT am.id,
                       CASE WHEN am.smec_limitation_expiry <= %(today)s::date + %(near)s THEN %(near)s
                            ELSE %(far)s END
                  FROM account_move am
                  -- warnings once the company's credit control is live
                  JOIN res_company c ON c.id = am.company_id AND %(live)s
                 WHERE am.move_type = 'out_invoice' AND am.state = 'posted'
                   AND am.payment_state IN ('not_paid', 'partial')
                   AND am.smec_limitation_expiry >= %(today)s
                   AND am.smec_limitation_expiry <= %(today)s::date + %(far)s
                   AND (am.smec_limitation_warned_for IS DISTINCT FROM am.smec_limitation_expiry
                        OR (am.smec_limitation_warned > %(near)s
                            AND am.smec_limitation_expiry <= %(today)s::date + %(near)s))
                 ORDER BY am.smec_limitation_expiry, am.id
                """,
                today=today,
                near=WARNING_DAYS[1],
                far=WARNING_DAYS[0],
                live=credit_live_sql(SQL("c")),
            )
        )
        for start in range(0, len(rows), batch_size):
            batch = rows[start : start + batch_size]
            invoices = self.sudo().browse([row[0] for row in batch])
            for invoice, (_id, days) in zip(invoices, batch, strict=True):
                invoice._smec_warn_limitation(today, days)
            commit_progress(self.env, len(batch), len(rows) - start - len(batch))
        return len(rows)

    def _smec_warn_limitation(self, today, days):
        self.ensure_one()
        partner = self.commercial_partner_id.with_company(self.company_id)
        group = self.env.ref("smec_credit_collection.group_collection_manager")
        user = group.user_ids.filtered(lambda u: self.company_id in u.company_ids and not u.share)[:1]
        self.activity_schedule(
            "mail.mail_activity_data_todo",
            date_deadline=today,
            user_id=(user or partner.smec_collector_id or self.env.user).id,
            summary=_(
                "Claim expires on %(date)s: %(invoice)s of %(partner)s",
                date=self.smec_limitation_expiry,
                invoice=self.name,
                partner=partner.name,
            ),
            note=plaintext2html(
                _(
                    "The limitation period of %(invoice)s (%(residual)s open) ends on %(date)s, in %(days)s days. "
                    "A demand letter signed for by the customer, a confirmed statement, a written acknowledgment "
                    "or a filing before then restarts it; after it, the customer may refuse to pay.",
                    invoice=self.name,
                    residual=self.currency_id.format(self.amount_residual),
                    date=self.smec_limitation_expiry,
                    days=(self.smec_limitation_expiry - today).days,
                )
            ),
        )
        self.write({"smec_limitation_warned": days, "smec_limitation_warned_for": self.smec_limitation_expiry})

    def _smec_credit_only(self, amount):
        """This draft credit note, a copy of its invoice, credits ``amount`` (tax
        included, in the invoice's currency) instead: every line's price by the
        same share, so that accounts, taxes and analytics follow the invoice's,
        and the cent the rounding leaves on the largest line."""
        self.ensure_one()
        currency, total = self.currency_id, self.reversed_entry_id.amount_total
        if self.state != "draft" or currency.compare_amounts(amount, total) >= 0 or not total:
            return
        lines = self.invoice_line_ids.filtered(lambda line: line.display_type == "product")
        share = amount / total
        for line in lines:
            line.price_unit *= share
        rest = amount - self.amount_total
        largest = max(lines, key=lambda line: abs(line.price_total), default=None)
        if largest and largest.price_unit and not currency.is_zero(rest):
            # what one unit of price adds to the total: quantity, discount and taxes
            largest.price_unit += rest / (largest.price_total / largest.price_unit)
