"""From the facts of the order check to the reasons that hold an order.

``smec.credit.order.check`` reads the facts (the lock, then one statement);
this room turns them into the reasons a salesperson reads: the limit with the
exposure's breakdown, the overdue days, the risk flags, a related party, the
grade's policy, each with its numbers; none when the order passes anyway
(paid in advance, approved once).
"""

from collections import defaultdict

from odoo import _, api, models
from odoo.tools import float_compare


class SmecCreditOrderReasons(models.AbstractModel):
    _name = "smec.credit.order.reasons"
    _description = "Reasons That Hold an Order"

    @api.model
    def _hold_reasons(self, orders, lock=True, extra=None):
        """The credit rules that hold each of ``orders``: {order: [{"code",
        "message", "live"}]}, an empty list for an order that passes; "live"
        is False while the order's company has not gone live: the reasons say
        what would hold it, and nothing holds it yet.

        One database call reads everything the check needs, whatever the
        partners' history (``_order_check_facts``); with ``lock`` it first
        serialises concurrent checks of the same partners. Orders of one
        partner checked together are added up in order. Records are only read
        to word the reasons of orders that are held. ``extra`` ({order: amount
        in order currency}) checks orders as if their totals were that much
        higher: an amendment asked for in advance.
        """
        result = {order: [] for order in orders}
        by_id = {order.id: order for order in orders}
        running = defaultdict(float)
        for facts in self.env["smec.credit.order.check"].sudo()._order_check_facts(orders, lock=lock):
            order = by_id[facts["order_id"]]
            if extra and extra.get(order):
                facts = self._facts_with_extra(order, facts, extra[order])
            key = (facts["partner_id"], facts["company_id"])
            running[key] += facts["amount"]
            if self._passes_anyway(facts, running[key]):
                continue
            company = self.env["res.company"].browse(facts["company_id"])
            reasons = self._reasons(company, facts, running[key])
            result[order] = [{**reason, "live": facts["live"]} for reason in reasons]
        return result

    @api.model
    def _facts_with_extra(self, order, facts, extra):
        """``facts`` of ``order`` as if its total were higher by ``extra`` (order
        currency), converted as the check converts the order (``to_company``:
        a quotation at today's rate, a confirmed order at its own)."""
        added = extra * facts["to_company"]
        return {**facts, "amount_total": facts["amount_total"] + extra, "amount": facts["amount"] + added}

    @api.model
    def _passes_anyway(self, facts, added):
        """Paid in advance in full, or approved once for (at least) this total.

        Paid in advance: online, or otherwise (a bank transfer booked as a
        customer payment not yet matched) when the customer's unapplied
        payments cover everything it owes and will owe, ``added`` (the orders
        checked with this one, this one included) too: nothing is at risk.
        """
        rounding = facts["rounding"]
        total = facts["amount_total"]
        if total > 0 and float_compare(facts["paid"], total, precision_rounding=rounding) >= 0:
            return True
        covered = facts["exposure"]["total"] + added
        if float_compare(covered, 0.0, precision_rounding=facts["company_rounding"]) <= 0:
            return True
        return facts["approved"] is not None and (
            float_compare(total, facts["approved"], precision_rounding=rounding) <= 0
        )

    @api.model
    def _reasons(self, company, facts, added):
        """The reasons (code, message) why an order is held, with their numbers.

        ``facts`` is what ``_order_check_facts`` read for the order; ``added``
        is what the orders checked together add up to for its partner (this
        one included), in company currency. The partner's records are only
        read to word the reasons found.
        """
        exposure, policy = facts["exposure"], facts["policy"]
        reasons = []
        limit = policy["limit"]
        if limit > 0:
            limit_now = limit + policy["temporary_increase"]
            total = exposure["total"] + added
            if float_compare(total, limit_now, precision_rounding=facts["company_rounding"]) > 0:
                fmt = company.currency_id.format
                reasons.append(
                    {
                        "code": "limit",
                        "message": _(
                            "Credit limit exceeded: exposure with this order would be %(total)s "
                            "(open receivables %(ar)s + draft invoices %(drafts)s "
                            "+ confirmed orders not invoiced %(orders)s + this order %(order)s), "
                            "over the limit of %(limit)s by %(over)s.",
                            total=fmt(total),
                            ar=fmt(exposure["receivable"]),
                            drafts=fmt(exposure["draft_invoices"]),
                            orders=fmt(exposure["uninvoiced_orders"]),
                            order=fmt(facts["amount"]),
                            limit=fmt(limit_now),
                            over=fmt(total - limit_now),
                        ),
                    }
                )
        days = exposure["max_overdue_days"]
        if days > facts["block_overdue_days"]:
            reasons.append(
                {
                    "code": "overdue",
                    "message": _(
                        "Overdue: an open invoice is %(days)s days past due (more than %(max)s days); "
                        "%(amount)s is overdue in all.",
                        days=days,
                        max=facts["block_overdue_days"],
                        amount=company.currency_id.format(exposure["overdue_amount"]),
                    ),
                }
            )
        for flag in self.env["smec.credit.risk.flag"].sudo().browse(policy["flag_ids"]):
            reasons.append(
                {
                    "code": "flag",
                    "message": _("Risk flag: %(flag)s since %(date)s.", flag=flag.display_name, date=flag.date),
                }
            )
        if policy["related_type"]:
            partner = self.env["res.partner"].sudo().browse(facts["partner_id"])
            reasons.append(
                {
                    "code": "related",
                    "message": _(
                        "Related party (%(relation)s): a credit sale to %(partner)s needs a Credit Manager's "
                        "approval whatever its limit (%(note)s).",
                        relation=dict(partner._fields["smec_related_type"]._description_selection(self.env))[
                            policy["related_type"]
                        ],
                        partner=partner.name,
                        note=partner.smec_related_note or "",
                    ),
                }
            )
        # a blocking flag is reason enough; otherwise the grade's policy
        if not policy["flag_ids"] and policy["grade_policy"] in ("approval", "block"):
            grade = self.env["smec.credit.grade"].sudo().browse(policy["grade_id"])
            reasons.append(
                {
                    "code": "grade",
                    "message": _(
                        "Credit policy of grade %(grade)s: orders %(policy)s unless paid in advance.",
                        grade=grade.display_name,
                        policy=_("need a credit approval")
                        if policy["grade_policy"] == "approval"
                        else _("are blocked"),
                    ),
                }
            )
        return reasons
