from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL


class SmecCreditProvisionOverride(models.Model):
    """An individual expected-loss rate for one debtor (e.g. 100 % for a bankrupt one)."""

    _name = "smec.credit.provision.override"
    _description = "Individual Provision Rate"
    _check_company_auto = True
    _rec_name = "partner_id"

    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    partner_id = fields.Many2one("res.partner", required=True, index=True, domain="[('is_company', '=', True)]")
    rate = fields.Float(string="Rate (%)", required=True)
    reason = fields.Char(required=True)
    active = fields.Boolean(default=True)

    _rate_range = models.Constraint("CHECK(rate >= 0 AND rate <= 100)", "An individual rate lies between 0 and 100 %.")
    _partner_company_unique = models.UniqueIndex(
        "(company_id, partner_id) WHERE active", "This debtor already has an individual rate."
    )


class SmecCreditProvisionRun(models.Model):
    """A bad-debt provision under CAS 22 (expected credit loss): the allowance
    required as of a date, per partner and aging bucket, and the entry that
    brings the allowance account to it."""

    _name = "smec.credit.provision.run"
    _description = "Bad-Debt Provision Run"
    _inherit = ["mail.thread", "smec.credit.decision.mixin"]
    # smec.guard.mixin: posted and reversed by the buttons, which book the entries
    _smec_action_fields = frozenset(
        {
            "state",
            "move_id",
            "reversal_move_id",
            "line_ids",
            "required_amount",
            "allowance_before",
            "difference",
            "decided_by_id",
            "decided_on",
        }
    )
    _smec_locked_states = frozenset({"posted", "reversed"})
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    state = fields.Selection(
        [("draft", "Draft"), ("posted", "Posted"), ("reversed", "Reversed")],
        default="draft",
        required=True,
        tracking=True,
        index=True,
    )
    line_ids = fields.One2many("smec.credit.provision.line", "run_id", string="Computation", readonly=True)
    required_amount = fields.Monetary(string="Required Allowance", readonly=True)
    allowance_before = fields.Monetary(readonly=True)
    difference = fields.Monetary(string="To Book", readonly=True)
    move_id = fields.Many2one("account.move", string="Entry", readonly=True, copy=False)
    reversal_move_id = fields.Many2one("account.move", string="Reversal", readonly=True, copy=False)

    _one_posted_run_per_date = models.UniqueIndex(
        "(company_id, date) WHERE state = 'posted'",
        "A provision is already posted for this date: reverse it first.",
    )

    @api.depends("date")
    def _compute_name(self):
        for run in self:
            run.name = _("Provision %s", run.date) if run.date else _("New provision")

    # ------------------------------------------------------------
    # CHECKS
    # ------------------------------------------------------------

    def _check_manager(self):
        self._smec_check_decider(_("Only a Credit Manager can compute, post or reverse provisions."))

    def _check_setup(self):
        company = self.company_id
        if company.smec_accounting_regime != "cas22":
            raise UserError(
                _("%s follows the small-enterprise standard: no allowance, write debts off instead.", company.name)
            )
        missing = [
            label
            for field, label in (
                ("smec_allowance_account_id", _("allowance account")),
                ("smec_impairment_account_id", _("impairment loss account")),
                ("smec_provision_journal_id", _("provision journal")),
            )
            if not company[field]
        ]
        if missing:
            raise UserError(_("Set the %s in the Credit settings first.", ", ".join(missing)))
        lock_date = company._get_user_fiscal_lock_date(company.smec_provision_journal_id)
        if self.date <= lock_date:
            # Odoo would move the entry to the first open date: a provision as of a date must not move
            raise UserError(
                _(
                    "The period of %(date)s is locked (up to %(lock)s): a provision as of that date cannot be posted.",
                    date=self.date,
                    lock=lock_date,
                )
            )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_compute(self):
        self._check_manager()
        for run in self:
            if run.state != "draft":
                raise UserError(_("Only a draft provision can be computed again."))
            run._check_setup()
            self.env["smec.credit.aging"]._check_as_of(run.date)
            lines = run._compute_lines()
            before = run._allowance_by_partner()
            required = sum(line["required_amount"] for line in lines)
            run.line_ids.unlink()
            run._smec_action_write(
                {
                    "line_ids": [Command.create(line) for line in lines],
                    "required_amount": required,
                    "allowance_before": sum(before.values()),
                    "difference": run.currency_id.round(required - sum(before.values())),
                }
            )
        return True

    def action_post(self):
        self._check_manager()
        for run in self:
            if run.state != "draft":
                raise UserError(_("This provision is already posted."))
            if self.search_count(
                [("company_id", "=", run.company_id.id), ("date", "=", run.date), ("state", "=", "posted")]
            ):
                raise UserError(_("A provision is already posted for %s: reverse it first.", run.date))
            run.action_compute()
            move_vals = run._prepare_move_values()
            if not move_vals:
                raise UserError(_("The allowance already matches the required amount: nothing to post."))
            move = self.env["account.move"].sudo().create(move_vals)
            move.action_post()
            run._smec_decide({"move_id": move.id, "state": "posted"})
        return True

    def action_reverse(self):
        self._check_manager()
        for run in self:
            if run.state != "posted":
                raise UserError(_("Only a posted provision can be reversed."))
            reversal = run.move_id.sudo()._reverse_moves([{"date": run.date, "ref": _("Reversal of %s", run.name)}])
            reversal.action_post()
            run._smec_decide({"reversal_move_id": reversal.id, "state": "reversed"})
        return True

    # ------------------------------------------------------------
    # COMPUTATION
    # ------------------------------------------------------------

    def _compute_lines(self):
        """Per partner and bucket: open amount x rate; an individual rate applies
        to the partner's whole open balance instead. A partner's requirement is
        never negative (credit balances do not create an allowance)."""
        self.ensure_one()
        company = self.company_id
        rates = company._smec_provision_rates()
        labels = company._smec_aging_labels()
        overrides = {
            o.partner_id.id: o
            for o in self.env["smec.credit.provision.override"].search([("company_id", "=", company.id)])
        }
        aging = self.env["smec.credit.aging"]._aging_by_partner(company, self.date)
        round_ = company.currency_id.round
        lines = []
        for partner_id, amounts in aging.items():
            if partner_id in overrides:
                override = overrides[partner_id]
                total = amounts[-1]
                lines.append(
                    {
                        "partner_id": partner_id,
                        "bucket": _("Individual: %s", override.reason),
                        "bucket_index": -1,
                        "open_amount": total,
                        "rate": override.rate,
                        "required_amount": round_(max(total, 0) * override.rate / 100),
                    }
                )
                continue
            partner_lines = [
                {
                    "partner_id": partner_id,
                    "bucket": labels[index],
                    "bucket_index": index,
                    "open_amount": amounts[index],
                    "rate": rates[index] * 100,
                    "required_amount": round_(amounts[index] * rates[index]),
                }
                for index in range(len(labels))
                if amounts[index]
            ]
            if sum(line["required_amount"] for line in partner_lines) < 0:
                for line in partner_lines:
                    line["required_amount"] = 0.0
            lines.extend(partner_lines)
        return lines

    def _allowance_by_partner(self):
        """{partner_id: allowance held} from the allowance account as of the date (credit balance positive)."""
        self.ensure_one()
        self.env.flush_all()
        rows = self.env.execute_query(
            SQL(
                """
            SELECT aml.partner_id, -SUM(aml.balance)
              FROM account_move_line aml
             WHERE aml.account_id = %s AND aml.company_id = %s AND aml.parent_state = 'posted' AND aml.date <= %s
             GROUP BY aml.partner_id
            """,
                self.company_id.smec_allowance_account_id.id,
                self.company_id.id,
                self.date,
            )
        )
        return {partner_id: float(amount) for partner_id, amount in rows}

    def _prepare_move_values(self):
        """One balanced entry: per partner, the allowance moves to what is required;
        the impairment loss (or its reversal) takes the total."""
        self.ensure_one()
        company = self.company_id
        required = {}
        for line in self.line_ids:
            required[line.partner_id.id] = required.get(line.partner_id.id, 0.0) + line.required_amount
        before = self._allowance_by_partner()
        round_ = company.currency_id.round
        lines, total = [], 0.0
        for partner_id in sorted(set(required) | set(before), key=lambda pid: pid or 0):
            delta = round_(required.get(partner_id, 0.0) - before.get(partner_id, 0.0))
            if company.currency_id.is_zero(delta):
                continue
            total += delta
            lines.append(
                Command.create(
                    {
                        "account_id": company.smec_allowance_account_id.id,
                        "partner_id": partner_id,
                        "name": _("Allowance for doubtful debts"),
                        "debit": max(-delta, 0.0),
                        "credit": max(delta, 0.0),
                    }
                )
            )
        if not lines:
            return None
        total = round_(total)
        lines.append(
            Command.create(
                {
                    "account_id": company.smec_impairment_account_id.id,
                    "name": _("Credit impairment loss") if total > 0 else _("Reversal of credit impairment loss"),
                    "debit": max(total, 0.0),
                    "credit": max(-total, 0.0),
                }
            )
        )
        return {
            "move_type": "entry",
            "journal_id": company.smec_provision_journal_id.id,
            "company_id": company.id,
            "date": self.date,
            "ref": self.name,
            "line_ids": lines,
        }


class SmecCreditProvisionLine(models.Model):
    _name = "smec.credit.provision.line"
    _description = "Bad-Debt Provision Line"
    _order = "run_id, partner_id, id"

    run_id = fields.Many2one("smec.credit.provision.run", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="run_id.company_id", store=True)
    currency_id = fields.Many2one(related="run_id.currency_id")
    partner_id = fields.Many2one("res.partner")
    bucket = fields.Char(string="Bucket As Computed", help="The bucket's label in the language it was computed in.")
    bucket_index = fields.Integer(default=-1, help="The company's aging bucket, from 0; -1: an individual rate.")
    bucket_label = fields.Char(string="Bucket", compute="_compute_bucket_label")
    open_amount = fields.Monetary()
    rate = fields.Float(string="Rate (%)")
    required_amount = fields.Monetary(string="Amount to Provide")

    @api.depends("bucket", "bucket_index")
    @api.depends_context("lang")
    def _compute_bucket_label(self):
        # the company's bucket in the reader's language (Current, 1-30... or 未到期, 1-30...)
        labels = {}
        for line in self:
            company = line.company_id
            if company not in labels:
                labels[company] = company._smec_aging_labels() if company else []
            index = line.bucket_index
            line.bucket_label = labels[company][index] if 0 <= index < len(labels[company]) else line.bucket

    @api.depends("run_id", "partner_id", "bucket_label")
    def _compute_display_name(self):
        for line in self:
            line.display_name = " - ".join(filter(None, [line.run_id.name, line.partner_id.name, line.bucket_label]))
