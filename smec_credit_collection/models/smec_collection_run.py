from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools.pdf import merge_pdf


class SmecCollectionRun(models.Model):
    """A day's dunning for a company. The scheduled run selects and sends by
    itself (stages that need a Collection Manager wait for one); a manual run
    is a preview that a Collection Manager edits, then confirms or cancels.

    Selection is one set-based statement per batch of partners that writes the
    contacts and their invoices; a unique index on the contacts makes a second
    run of the day, a resumed one or a parallel one write nothing twice. Each
    batch is committed with the cron progress API, so a killed run resumes
    where it stopped."""

    _name = "smec.collection.run"
    _description = "Dunning Run"
    _inherit = ["mail.thread", "smec.guard.mixin", "smec.collection.run.selection", "smec.collection.run.sending"]
    _order = "date desc, id desc"
    _check_company_auto = True

    _smec_code_fields = frozenset({"contact_ids", "kind", "log"})
    _smec_action_fields = frozenset({"state"})
    _smec_locked_states = frozenset({"done", "cancelled"})

    name = fields.Char(compute="_compute_name")
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    # the company's day, as the scheduled run counts it, not the user's
    date = fields.Date(required=True, default=lambda self: self._today(self.env.company), readonly=True)
    kind = fields.Selection([("scheduled", "Scheduled"), ("manual", "Manual")], default="manual", required=True)
    state = fields.Selection(
        [("preview", "Preview"), ("done", "Done"), ("cancelled", "Cancelled")],
        default="preview",
        required=True,
        tracking=True,
    )
    contact_ids = fields.One2many("smec.collection.contact", "run_id", string="Contacts")
    contact_count = fields.Integer(compute="_compute_counts")
    letter_count = fields.Integer(compute="_compute_counts")
    waiting_count = fields.Integer(compute="_compute_counts", string="Waiting for Confirmation")
    log = fields.Text(readonly=True)

    @api.depends("date", "kind")
    def _compute_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for run in self:
            run.name = f"{kinds.get(run.kind, '')} {run.date or ''}".strip()

    @api.depends("contact_ids.state", "contact_ids.channel")
    def _compute_counts(self):
        for run in self:
            live = run.contact_ids.filtered(lambda c: c.state != "cancelled")
            run.contact_count = len(live)
            run.letter_count = len(live.filtered(lambda c: c.channel == "letter" and c.state in ("sent", "delivered")))
            run.waiting_count = len(live.filtered(lambda c: c.state in ("draft", "waiting")))

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def _check_manager(self):
        if not self.env.user.has_group("smec_credit_collection.group_collection_manager"):
            raise AccessError(_("Only a Collection Manager runs dunning by hand or confirms its contacts."))
        self.check_access("write")

    def action_preview(self):
        """Select today's contacts as drafts: nothing goes out until confirmed."""
        self._check_manager()
        for run in self:
            if run.state != "preview":
                raise UserError(_("This run is closed."))
            run.sudo()._select()
        return True

    def action_confirm(self):
        """Send what the preview kept, manager-confirmed stages included."""
        self._check_manager()
        if any(run.state != "preview" for run in self):
            raise UserError(_("Only a run in preview can be confirmed."))
        for run in self:
            run.sudo()._send(run.contact_ids.filtered(lambda c: c.state == "draft"))
        self._smec_action_write({"state": "done"})
        return True

    def action_cancel(self):
        self._check_manager()
        if any(run.state != "preview" for run in self):
            raise UserError(_("Only a run in preview can be cancelled."))
        drafts = self.contact_ids.filtered(lambda c: c.state == "draft")
        drafts.sudo().write({"state": "cancelled", "reason": _("The run was cancelled.")})
        self._smec_action_write({"state": "cancelled"})
        return True

    def action_print_letters(self):
        """The run's letters that went out, as one PDF for the mail room."""
        self.ensure_one()
        self._sent_letters()
        return {"type": "ir.actions.act_url", "url": f"/smec_collection/run/{self.id}/letters", "target": "self"}

    def _sent_letters(self):
        self.ensure_one()
        self.check_access("read")
        letters = self.contact_ids.filtered(lambda c: c.channel == "letter" and c.state in ("sent", "delivered"))
        if not letters:
            raise UserError(
                _(
                    "No letter of this run has gone out: the letters of a stage a Collection Manager confirms are "
                    "printed once a manager has sent them."
                )
            )
        return letters

    def _letters_pdf(self):
        """The letters that went out, each as it was sent (the PDF stored with
        its contact when it was sent), in the order of the run: no conversion,
        so whoever may read the run prints them, on any wkhtmltopdf. A letter
        stored without its PDF is converted alone."""
        pdfs = []
        for letter in self._sent_letters():
            if letter.letter_attachment_id:
                pdfs.append(letter.letter_attachment_id.raw)
            else:
                report = letter._letter_report()
                pdfs.append(self.env["ir.actions.report"]._render_qweb_pdf(report, letter.ids)[0])
        return merge_pdf(pdfs)

    # ------------------------------------------------------------
    # SCHEDULED RUN
    # ------------------------------------------------------------

    @api.model
    def _cron_run(self):
        """Every live company's run of the day (nothing goes out before a
        company's credit control is live): select, then send the automatic
        stages; the stages a Collection Manager confirms wait for one, who is
        given a to-do. Called again after a crash, it goes on with what is not
        yet written."""
        for company in self.env["res.company"].sudo().search([]):  # pylint: disable=no-search-all
            if not company._smec_credit_live():
                continue
            # what the run writes (the reasons of its lines, its tasks' defaults) in the company's language, not
            # the scheduler's
            run = self.with_context(lang=company._smec_language())._today_run(company)
            run._select()
            contacts = self.env["smec.collection.contact"].search([("run_id", "=", run.id)])
            contacts._notify_waiting()
            run._send(contacts.filtered(lambda c: c.state == "draft"))

    @api.model
    def _today(self, company):
        tz = company.partner_id.tz or "Asia/Shanghai"
        return fields.Date.context_today(self.with_context(tz=tz))
