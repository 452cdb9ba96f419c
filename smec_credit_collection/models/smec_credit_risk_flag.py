from odoo import _, api, fields, models


class SmecCreditRiskFlag(models.Model):
    """Legal preparation holds a customer's orders with a blocking flag, for the
    claim of its legal file. The hold lasts as long as the claim: when nothing
    is left open on the invoices of the customer's legal files (paid, credited),
    the flag is lifted that day, with the reason in its chatter and the file's,
    and the file's responsible is asked to close the file. A file closed with
    invoices still open leaves the decision to a manager, who is asked to lift
    the hold or keep it."""

    _inherit = "smec.credit.risk.flag"

    flag_type = fields.Selection(
        selection_add=[("collection_legal", "Legal preparation (collection)")],
        ondelete={"collection_legal": "cascade"},
    )

    @api.model
    def _smec_lift_settled_holds(self, partners=None, companies=None):
        """Lift the active legal-preparation flags whose claim is settled: the
        customer's legal files (not closed) in the flag's company have nothing
        open left. Returns the lifted flags."""
        domain = [("flag_type", "=", "collection_legal"), ("is_active_flag", "=", True)]
        if partners is not None:
            domain.append(("partner_id", "in", partners.commercial_partner_id.ids))
        if companies is not None:
            domain.append(("company_id", "in", companies.ids))
        flags = self.sudo().search(domain)
        if not flags:
            return flags
        files = (
            self.env["smec.collection.legal.file"]
            .sudo()
            .search(
                [
                    ("partner_id", "in", flags.partner_id.ids),
                    ("company_id", "in", flags.company_id.ids),
                    ("state", "!=", "closed"),
                ]
            )
        )
        lifted = self.browse()
        for flag in flags:
            claim = files.filtered(
                lambda f, flag=flag: f.partner_id == flag.partner_id and f.company_id == flag.company_id
            )
            if not claim or any(m.amount_residual > 0 for m in claim.invoice_ids):
                continue
            flag._smec_lift(
                _(
                    "Legal hold lifted: the claim of %(files)s is settled, nothing is open on its invoices.",
                    files=", ".join(claim.mapped("name")),
                )
            )
            for legal in claim:
                legal.message_post(body=_("The claim is settled: the legal hold of the customer is lifted."))
                manager = legal._smec_manager()
                legal.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=manager.id,
                    summary=legal.with_context(lang=manager.lang or self.env.lang).env._(
                        "Claim settled: close the legal file %(file)s", file=legal.name
                    ),
                )
            lifted |= flag
        return lifted

    def _smec_lift(self, reason):
        """Lifted today, with the reason in the chatter."""
        today = fields.Date.context_today(self)
        for flag in self:
            flag.write({"date_end": max(today, flag.date)})
            flag.message_post(body=reason)
