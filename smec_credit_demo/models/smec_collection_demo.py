from datetime import timedelta

from odoo import Command, _, api, fields, models

from .smec_training_demo import attachment_vals


class SmecCollectionDemo(models.AbstractModel):
    """Demo data only: what follows a month of dunning."""

    _name = "smec.collection.demo"
    _description = "Collection Demo Story"

    @api.model
    def _take_up(self):
        """The wholesaler takes collection up, four months before the story's day: its scorecards get the
        criteria of disputes and promises, as installing smec_credit_collection gives a company that already
        ran credit control (``smec.credit.demo._smec_demo_before_collection``)."""
        self.env["res.company"].search([])._smec_add_collection_criteria()  # pylint: disable=no-search-all

    @api.model
    def _assign_collector(self, collector):
        """Every customer of the company is followed up by the demo's collector:
        its call tasks are hers, not a manager's."""
        customers = self.env["res.partner"].search(
            [("is_company", "=", True), ("customer_rank", ">", 0), ("company_id", "in", (False, self.env.company.id))]
        )
        customers.with_company(self.env.company).filtered(
            lambda p: not p.smec_collector_id
        ).smec_collector_id = collector

    @api.model
    def _run_story(self, ledger):
        """For each (partner, days past due, amount), a posted invoice due that many days ago and the letters
        earlier runs sent about it; then today's scheduled run: its emails, call tasks and demand letters sent,
        its lawyer's letter and legal step waiting in the Collection Manager's queue; and a statement."""
        company = self.env.company
        journal = self.env["account.journal"].search([("type", "=", "sale"), ("company_id", "=", company.id)], limit=1)
        if not journal:
            return
        today = fields.Date.context_today(self)
        partners = self.env["res.partner"].browse([partner_id for partner_id, _days, _amount in ledger])
        moves = self.env["account.move"].create(
            [
                {
                    "move_type": "out_invoice",
                    "partner_id": partner_id,
                    "journal_id": journal.id,
                    "invoice_date": today - timedelta(days=days + 30),
                    "invoice_date_due": today - timedelta(days=days),
                    "invoice_line_ids": [
                        Command.create({"name": "Ceramic tiles", "quantity": 1, "price_unit": amount, "tax_ids": []})
                    ],
                }
                for partner_id, days, amount in ledger
            ]
        )
        moves.action_post()
        for move, (_partner_id, days, _amount) in zip(moves, ledger, strict=True):
            move.line_ids.filtered(lambda line: line.account_type == "asset_receivable").date_maturity = (
                today - timedelta(days=days)
            )
        self._history(moves, ledger)
        # the emails of the demo's run are written in the customers' language as a live run's are: the add-ons'
        # terms are loaded first (demo data may load before them)
        langs = [code for code, _name in self.env["res.lang"].get_installed() if code != "en_US"]
        self.env["ir.module.module"]._load_module_terms(
            ["smec_credit", "smec_credit_receivable", "smec_credit_collection"], langs
        )
        Run = self.env["smec.collection.run"]
        run = Run.with_context(lang=company._smec_language())._today_run(company)
        run._select()
        run.contact_ids._notify_waiting()
        run._send(run.contact_ids.filtered(lambda c: c.state == "draft"))
        self.env["smec.collection.statement"].create(
            {"partner_id": partners[2].id, "date_from": today.replace(day=1) - timedelta(days=90), "date_to": today}
        )

    @api.model
    def _history(self, moves, ledger):
        """The letters the daily runs sent since the company went live, before today's run: a customer whose
        invoice is 60 days overdue or more had its formal demand on day 30 (signed for by those at 90 days and
        more), one at 90 days and more its lawyer's letter on day 60. Today's run then takes each one stage up:
        the lawyer's letter, the legal hold (the first-run rule lets no first contact go further than the
        formal demand, and no legal hold open before a demand was delivered)."""
        company = self.env.company
        today = fields.Date.context_today(self)
        stages = (
            self.env["smec.collection.plan"]
            .search([("company_id", "=", company.id), ("is_default", "=", True)], limit=1)
            .stage_ids
        )
        by_days = {stage.days_overdue: stage for stage in stages}
        contacts = []
        for move, (partner_id, days, _amount) in zip(moves, ledger, strict=True):
            item = move.line_ids.filtered(lambda line: line.account_type == "asset_receivable")
            for stage_days, reached in ((30, days >= 60), (60, days >= 90)):
                if not reached or stage_days not in by_days:
                    continue
                day = today - timedelta(days=days - stage_days)
                signed = stage_days == 30 and days >= 90
                contacts.append(
                    {
                        "company_id": company.id,
                        "partner_id": partner_id,
                        "currency_id": move.currency_id.id,
                        "plan_id": by_days[stage_days].plan_id.id,
                        "stage_id": by_days[stage_days].id,
                        "channel": "letter",
                        "date": day,
                        "state": "delivered" if signed else "sent",
                        "signed_date": signed and day + timedelta(days=3),
                        "amount_total": move.amount_residual,
                        "days_overdue": stage_days,
                        "line_ids": [
                            Command.create(
                                {
                                    "move_line_id": item.id,
                                    "move_id": move.id,
                                    "date_maturity": item.date_maturity,
                                    "days_overdue": stage_days,
                                    "amount_residual": move.amount_residual,
                                }
                            )
                        ],
                    }
                )
        return self.env["smec.collection.contact"].sudo().create(contacts)

    @api.model
    def _after_dunning(self, disputed, kept, broken, confirmed, legal, promising, collector):
        """A dispute in negotiation (``disputed``), a kept and a broken promise of
        the ``collector``'s customers, a promise the collector recorded on the
        call of today's run (``promising``), a balance confirmed on the slip, and
        a legal file with its evidence and a claim whose limitation period ends
        in 40 days (warned)."""
        company = self.env.company
        today = fields.Date.context_today(self)
        partners = self.env["res.partner"].browse([disputed, kept, broken, confirmed, legal])
        collector = self.env["res.users"].browse(collector)
        Move = self.env["account.move"]

        def invoice_of(partner, due, amount, name="Ceramic tiles"):
            move = Move.create(
                {
                    "move_type": "out_invoice",
                    "partner_id": partner.id,
                    "invoice_date": due - timedelta(days=30),
                    "invoice_date_due": due,
                    "invoice_line_ids": [
                        Command.create({"name": name, "quantity": 1, "price_unit": amount, "tax_ids": []})
                    ],
                }
            )
            move.action_post()
            return move

        def open_invoices(partner):
            return Move.search(
                [
                    ("commercial_partner_id", "=", partner.id),
                    ("move_type", "=", "out_invoice"),
                    ("state", "=", "posted"),
                    ("payment_state", "=", "not_paid"),
                ]
            )

        # a quality dispute in negotiation over a fifth of the invoice
        dispute_invoice = open_invoices(partners[0])[:1]
        dispute = self.env["smec.collection.dispute"].create(
            {
                "name": _("Glaze defects in delivery WH/OUT/0042"),
                "partner_id": partners[0].id,
                "reason": "quality",
                "description": _("The customer says 50 boxes have glaze defects and refuses to pay for them."),
                "line_ids": [Command.create({"move_id": dispute_invoice.id, "amount": 2500.0})],
            }
        )
        dispute.action_negotiate()
        # promises: one kept by a payment, one broken; made in the past (demo data is
        # back-dated in SQL, which the promise's own rules would rightly refuse)
        Promise = self.env["smec.collection.promise"]
        old = invoice_of(partners[1], today - timedelta(days=40), 1000.0)
        promises = Promise.create(
            [
                {
                    "partner_id": partners[1].id,
                    "channel": "call",
                    "user_id": collector.id,
                    "invoice_ids": [Command.set(old.ids)],
                    "line_ids": [Command.create({"date": today, "amount": 1000.0})],
                },
                {
                    "partner_id": partners[2].id,
                    "channel": "call",
                    "user_id": collector.id,
                    "invoice_ids": [Command.set(open_invoices(partners[2]).ids)],
                    "line_ids": [Command.create({"date": today, "amount": 20000.0})],
                },
            ]
        )
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE smec_collection_promise SET date = %s, date_last = %s WHERE id = ANY(%s)",
            [today - timedelta(days=30), today - timedelta(days=20), promises.ids],
        )
        self.env.cr.execute(
            "UPDATE smec_collection_promise_line SET date = %s WHERE promise_id = ANY(%s)",
            [today - timedelta(days=20), promises.ids],
        )
        promises.invalidate_recordset()
        promises.line_ids.invalidate_recordset()
        self.env["account.payment.register"].with_context(active_model="account.move", active_ids=old.ids).create(
            {"payment_date": today - timedelta(days=22), "amount": 1000.0}
        )._create_payments()
        Promise._settle(company, today)
        # the collector's call of today: the customer promises half in a week, the rest a week later
        call = self.env["smec.collection.contact"].search(
            [("partner_id", "=", promising), ("channel", "=", "call"), ("state", "=", "sent")], limit=1
        )
        if call:
            context = Promise._from_contact(call)
            half = round(call.amount_total / 2, 2)
            context["default_line_ids"] = [
                Command.create({"date": today + timedelta(days=7), "amount": half}),
                Command.create({"date": today + timedelta(days=14), "amount": call.amount_total - half}),
            ]
            Promise.with_user(collector).with_context(**context).create(
                {"note": _("The owner pays half next week, the rest the week after.")}
            )
        # a balance confirmed on the returned slip
        statement = self.env["smec.collection.statement"].create(
            {"partner_id": partners[3].id, "date_from": today - timedelta(days=90)}
        )
        statement._smec_action_write({"state": "sent"})
        slip = self.env["ir.attachment"].create(attachment_vals("signed-slip.pdf", b"%PDF-1.4 demo slip"))
        statement.write(
            {"returned_date": today, "confirmed_amount": statement.closing_balance, "slip_attachment_ids": slip.ids}
        )
        statement.action_record_slip()
        # a legal file: an invoice whose claim expires in 40 days, warned
        expiring_due = today - timedelta(days=3 * 365 - 40)
        expiring = invoice_of(partners[4], expiring_due, 6200.0, name="Floor tiles, project Dongguan")
        legal_file = self.env["smec.collection.legal.file"].create(
            {
                "partner_id": partners[4].id,
                "invoice_ids": [Command.set((open_invoices(partners[4]) | expiring).ids)],
                "cost_ids": [Command.create({"kind": "lawyer", "name": _("Lawyer's letter"), "amount": 3000.0})],
            }
        )
        legal_file.action_collect_evidence()
        legal_file.write(
            {
                "evidence_ids": [
                    Command.create(
                        {
                            "kind": "delivery",
                            "name": _("Delivery note WH/OUT/0031, signed by the site manager"),
                            "attachment_ids": [
                                Command.create(attachment_vals("delivery-note.pdf", b"%PDF-1.4 demo note"))
                            ],
                        }
                    )
                ]
            }
        )
        Move._cron_limitation_clock()
        return True
