"""The credit managers' morning list: the deliveries held today.

Once a day, for each company that holds deliveries, the deliveries scheduled
for that day that the credit rules stop are listed, with their values and
reasons, on one record per company and day; each Credit Manager of the
company gets one activity on it. The record is unique per company and day: a
run that crashed halfway, or a second run, adds nothing twice.
"""

from datetime import datetime, time, timedelta

import pytz

from odoo import _, api, fields, models
from odoo.tools import html_escape

from odoo.addons.smec_credit.tools.cron import commit_progress


class SmecCreditDeliveryHoldDay(models.Model):
    _name = "smec.credit.delivery.hold.day"
    _description = "Deliveries Held for Credit Today"
    _inherit = ["mail.thread", "mail.activity.mixin", "smec.guard.mixin"]
    _order = "date desc, id desc"
    _rec_name = "date"

    # written by the daily run only
    _smec_action_fields = frozenset({"company_id", "date", "picking_ids", "amount", "summary"})

    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    date = fields.Date(required=True, readonly=True)
    picking_ids = fields.Many2many("stock.picking", string="Held Deliveries", readonly=True)
    amount = fields.Monetary(string="Value Held", readonly=True)
    summary = fields.Html(readonly=True, sanitize=True)

    _one_per_day = models.UniqueIndex("(company_id, date)")

    @api.depends("date", "company_id")
    def _compute_display_name(self):
        for day in self:
            day.display_name = _("Deliveries held for credit on %(date)s", date=day.date)

    @api.model
    def _smec_day_bounds(self, day):
        """The UTC datetimes of ``day`` in the timezone ``context_today`` reads."""
        tz = pytz.timezone(self.env.context.get("tz") or self.env.user.tz or "UTC")
        start = tz.localize(datetime.combine(day, time.min)).astimezone(pytz.utc).replace(tzinfo=None)
        return start, start + timedelta(days=1)

    @api.model
    def _cron_smec_held_deliveries(self):
        """One list a day per company, its Credit Managers told once."""
        companies = self.env["res.company"].search(
            [("smec_credit_live_date", "!=", False), ("smec_hold_mode", "=", "hold")]
        )
        done = self.search([("date", "=", fields.Date.context_today(self)), ("company_id", "in", companies.ids)])
        todo = companies - done.company_id
        for index, company in enumerate(todo):
            self.with_company(company)._smec_list_held_deliveries(company)
            commit_progress(self.env, 1, len(todo) - index - 1)

    @api.model
    def _smec_list_held_deliveries(self, company):
        today = fields.Date.context_today(self)
        start, end = self._smec_day_bounds(today)
        candidates = (
            self.env["stock.picking"]
            .sudo()
            .search(
                [
                    ("company_id", "=", company.id),
                    ("picking_type_code", "=", "outgoing"),
                    ("state", "not in", ("done", "cancel")),
                    ("return_id", "=", False),
                    ("scheduled_date", ">=", start),
                    ("scheduled_date", "<", end),
                ],
                order="scheduled_date, id",
            )
        )
        gate = self.env["smec.credit.delivery.reasons"]._hold_reasons(candidates, lock=False)
        held = {p: r for p, r in gate.items() if r and r[0]["live"] and r[0]["mode"] == "hold"}
        if not held:
            return self.browse()
        facts = self.env["smec.credit.delivery.check"].sudo()._delivery_check_facts(candidates, lock=False)
        values = {f["picking_id"]: f["value"] for f in facts}
        fmt = company.currency_id.format
        rows = "".join(
            "<li><b>{}</b> · {} · {} · {}</li>".format(
                html_escape(picking.name),
                html_escape(picking.partner_id.commercial_partner_id.display_name),
                html_escape(fmt(values.get(picking.id, 0.0))),
                html_escape("; ".join(r["message"] for r in reasons)),
            )
            for picking, reasons in held.items()
        )
        amount = sum(values.get(picking.id, 0.0) for picking in held)
        day = self.sudo().create(
            {
                "company_id": company.id,
                "date": today,
                "picking_ids": [fields.Command.set([p.id for p in held])],
                "amount": amount,
                "summary": f"<ul>{rows}</ul>",
            }
        )
        managers = self.env.ref("smec_credit.group_credit_manager").user_ids.filtered(
            lambda u: company in u.company_ids and not u.share
        )
        for manager in managers:
            day.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=manager.id,
                summary=day.with_context(lang=manager.lang).env._(
                    "%(count)s deliveries held for credit today (%(amount)s)", count=len(held), amount=fmt(amount)
                ),
                note=day.summary,
            )
        return day
