"""From the facts of the delivery check to the reasons that hold a delivery.

``smec.credit.delivery.check`` reads the facts (the lock, then one statement);
this room turns them into what the warehouse reads: a blocking risk flag (a
dishonest judgment debtor, a legal hold...), an invoice overdue beyond the
company's stop-shipping days, the exposure over the limit when the company
stops shipping for it, and what delivering more than ordered would add; each
with its numbers. None for a delivery the hold does not apply to (a receipt, a
return), a delivery a Credit Manager released, or a customer whose payments
cover everything it owes.
"""

from odoo import _, api, models
from odoo.tools import float_compare


class SmecCreditDeliveryReasons(models.AbstractModel):
    _name = "smec.credit.delivery.reasons"
    _description = "Reasons That Hold a Delivery"

    @api.model
    def _hold_reasons(self, pickings, lock=True):
        """The credit rules that hold each of ``pickings`` today: {picking:
        [{"code", "message", "live", "mode"}]}, an empty list for one that may
        go. "live" is False while the company has not gone live (the reasons
        say what would hold it), "mode" the company's credit check (``hold``
        or ``warn``). Codes: flag, overdue, limit, over_delivery."""
        result = {picking: [] for picking in pickings}
        by_id = {picking.id: picking for picking in pickings}
        for facts in self.env["smec.credit.delivery.check"].sudo()._delivery_check_facts(pickings, lock=lock):
            if not facts["applies"] or facts["released"] or self._passes_anyway(facts):
                continue
            company = self.env["res.company"].browse(facts["company_id"])
            result[by_id[facts["picking_id"]]] = [
                {**reason, "live": facts["live"], "mode": facts["hold_mode"]}
                for reason in self._reasons(company, facts)
            ]
        return result

    @api.model
    def _passes_anyway(self, facts):
        """Nothing at risk: the customer's unapplied payments cover everything it
        owes and this delivery's extra too, or its order is paid in full online
        and it delivers no more than ordered."""
        if facts["paid_in_full"] and not facts["over_value"]:
            return True
        covered = facts["exposure"]["total"] + facts["over_value"]
        return float_compare(covered, 0.0, precision_rounding=facts["company_rounding"]) <= 0

    @api.model
    def _reasons(self, company, facts):
        exposure, policy = facts["exposure"], facts["policy"]
        rounding = facts["company_rounding"]

        def fmt(amount):
            # the company's currency is read only to word a reason: a delivery that passes costs the check's
            # statement alone (bench/delivery_hold.py counts its queries)
            return company.currency_id.format(amount)

        reasons = []
        for flag in self.env["smec.credit.risk.flag"].sudo().browse(policy["flag_ids"]):
            reasons.append(
                {
                    "code": "flag",
                    "message": _("Risk flag: %(flag)s since %(date)s.", flag=flag.display_name, date=flag.date),
                }
            )
        days = exposure["max_overdue_days"]
        if days > facts["stop_days"]:
            reasons.append(
                {
                    "code": "overdue",
                    "message": _(
                        "Overdue: an open invoice is %(days)s days past due; shipping stops after %(max)s days. "
                        "%(amount)s is overdue in all.",
                        days=days,
                        max=facts["stop_days"],
                        amount=fmt(exposure["overdue_amount"]),
                    ),
                }
            )
        limit = policy["limit"]
        if limit > 0:
            limit_now = limit + policy["temporary_increase"]
            total = exposure["total"] + facts["over_value"]
            over_limit = float_compare(total, limit_now, precision_rounding=rounding) > 0
            values = over_limit and {
                "total": fmt(total),
                "ar": fmt(exposure["receivable"]),
                "drafts": fmt(exposure["draft_invoices"]),
                "orders": fmt(exposure["uninvoiced_orders"]),
                "extra": fmt(facts["over_value"]),
                "limit": fmt(limit_now),
                "over": fmt(total - limit_now),
            }
            if over_limit and facts["over_value"]:
                # an amendment of the order: checked whatever the stop-shipping settings
                reasons.append(
                    {
                        "code": "over_delivery",
                        "message": _(
                            "More than ordered: this delivery adds %(extra)s to the order; the exposure would be "
                            "%(total)s (open receivables %(ar)s + draft invoices %(drafts)s + confirmed orders not "
                            "invoiced %(orders)s + %(extra)s delivered beyond the order), over the limit of "
                            "%(limit)s by %(over)s.",
                            **values,
                        ),
                    }
                )
            elif over_limit and facts["stop_over_limit"] and not facts["approved"]:
                reasons.append(
                    {
                        "code": "limit",
                        "message": _(
                            "Credit limit exceeded: the exposure is %(total)s (open receivables %(ar)s + draft "
                            "invoices %(drafts)s + confirmed orders not invoiced %(orders)s), over the limit of "
                            "%(limit)s by %(over)s.",
                            **values,
                        ),
                    }
                )
        return reasons
