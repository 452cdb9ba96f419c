from odoo import api, fields, models
from odoo.tools import SQL, plaintext2html

from ..tools.cron import commit_progress
from .res_company_live import credit_live_sql


class AccountMove(models.Model):
    _name = "account.move"
    _inherit = ["account.move", "smec.guard.mixin"]

    # computed by Odoo from the journal items, never written by its screens, and
    # read by the exposure and the aging: a value that changes one is refused
    # with a message (smec.guard.mixin)
    _smec_code_fields = frozenset(
        {
            "amount_untaxed",
            "amount_tax",
            "amount_total",
            "amount_residual",
            "amount_untaxed_signed",
            "amount_tax_signed",
            "amount_total_signed",
            "amount_residual_signed",
            "commercial_partner_id",
            "smec_overdue_warned",
        }
    )

    smec_supplier_grade_id = fields.Many2one(
        related="commercial_partner_id.smec_supplier_grade_id", string="Supplier Grade"
    )
    smec_customer_grade_id = fields.Many2one(related="commercial_partner_id.smec_grade_id", string="Customer Grade")
    # the draft customer invoices a credit check adds to the exposure: few, found
    # by customer without reading the other moves
    _smec_draft_customer_idx = models.Index(
        "(commercial_partner_id, company_id) WHERE state = 'draft' AND move_type IN ('out_invoice', 'out_refund')"
    )

    smec_overdue_warned = fields.Boolean(
        copy=False, readonly=True, help="The salesperson was given an activity when this invoice became overdue."
    )

    @api.model_create_multi
    def create(self, vals_list):
        # Odoo adds an entry's tax and payment term lines once its own create is done, after the guard's (which is
        # below it): the totals a caller sends are compared here, with the entry as Odoo returns it, so an invoice's
        # true total is accepted and another refused with its name (smec.guard.mixin)
        return self._smec_create_checked(vals_list, lambda model, vals_list: super().create(vals_list), fill=False)

    @api.model
    def _cron_overdue_activities(self, batch_size=200):
        """One activity per customer invoice overdue past the company's warning
        threshold (default 7 days), for its salesperson; never one per day.

        Invoices are flagged in the same transaction as their activity, and each
        batch is committed: a run that crashes resumes without duplicates.
        """
        today = fields.Date.context_today(self)
        managers = self.env.ref("smec_credit.group_credit_manager").user_ids

        def activity(invoice):
            user = invoice.invoice_user_id or invoice.commercial_partner_id.user_id or managers[:1]
            # in the words of whom it is for (a closure's ``_`` finds no language and translates nothing)
            env = invoice.with_context(lang=user.lang or self.env.lang).env
            return {
                "date_deadline": today,
                "user_id": user.id,
                "summary": env._(
                    "Overdue %(days)s days: follow up %(partner)s",
                    days=(today - invoice.invoice_date_due).days,
                    partner=invoice.commercial_partner_id.name,
                ),
                "note": plaintext2html(
                    env._(
                        "%(invoice)s of %(amount)s was due on %(date)s; %(residual)s is still open.",
                        invoice=invoice.name,
                        amount=invoice.currency_id.format(invoice.amount_total),
                        date=invoice.invoice_date_due,
                        residual=invoice.currency_id.format(invoice.amount_residual),
                    )
                ),
            }

        where = SQL(
            """am.move_type = 'out_invoice' AND NOT COALESCE(am.smec_overdue_warned, FALSE)
               AND am.invoice_date_due < %s::date - c.smec_warn_overdue_days""",
            today,
        )
        return self._smec_activity_once(where, "smec_overdue_warned", activity, batch_size)

    @api.model
    def _smec_activity_once(self, where, flag, activity, batch_size):
        """One to-do activity (``activity(move)`` gives its values) for each posted, unpaid move matching ``where``
        (on ``am`` and its company ``c``) and not flagged yet; each batch is flagged with its activities and
        committed, so that a run that crashes resumes without duplicates. All companies' moves whose credit
        control is live: the job's user need not belong to each. Returns how many moves got one."""
        self.env.flush_all()
        rows = self.env.execute_query(
            SQL(
                """
                SELECT am.id
                  FROM account_move am
                  JOIN res_company c ON c.id = am.company_id
                 WHERE am.state = 'posted' AND am.payment_state IN ('not_paid', 'partial') AND %s AND %s
                 ORDER BY am.id
                """,
                credit_live_sql(SQL("c")),
                where,
            )
        )
        ids = [row[0] for row in rows]
        for start in range(0, len(ids), batch_size):
            moves = self.sudo().browse(ids[start : start + batch_size])
            for move in moves:
                move.activity_schedule("mail.mail_activity_data_todo", **activity(move))
            moves.write({flag: True})
            commit_progress(self.env, len(moves), len(ids) - start - len(moves))
        return len(ids)


class AccountMoveLine(models.Model):
    _name = "account.move.line"
    _inherit = ["account.move.line", "smec.guard.mixin"]

    # what the receivable balance kept for the credit check and the aging
    # read: computed by Odoo's reconciliation, never written by its screens; a
    # value that changes one is refused with a message (smec.guard.mixin)
    _smec_code_fields = frozenset({"amount_residual", "amount_residual_currency", "reconciled", "parent_state"})
