import logging
from datetime import datetime, time, timedelta

import pytz

from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, html2plaintext, plaintext2html, split_every

from odoo.addons.smec_credit.tools.cron import commit_progress

BATCH_SEND = 100

_logger = logging.getLogger(__name__)


class SmecCollectionRunSending(models.AbstractModel):
    """The dunning run's sending: letters, emails, call tasks and holds."""

    _name = "smec.collection.run.sending"
    _description = "Dunning Run: Sending"

    def _send(self, contacts):
        """Letters, emails, call tasks and holds of ``contacts``, by batches, each
        batch committed: a contact is sent once, or, when the run dies in its
        batch, not at all and by the next start. Nothing goes out, whoever asks
        (the scheduled run, a manager's confirmation, the queue), before the
        company's credit control is live."""
        self.ensure_one()
        if contacts and not self.company_id._smec_credit_live():
            raise UserError(
                self.env._(
                    "%(company)s's credit control is not live yet: nothing is sent before it goes live. The "
                    "go-live preview shows what going live would send.",
                    company=self.company_id.name,
                )
            )
        remaining = len(contacts)
        for ids in split_every(BATCH_SEND, contacts.ids):
            batch = self._cancel_paid(self._lock_drafts(ids))
            # letters first, then emails, call tasks and holds
            for channel, send in (
                ("letter", self._send_letter),
                ("email", self._send_email),
                ("call", self._send_call),
                ("hold", self._send_hold),
            ):
                todo = batch.filtered(lambda c, channel=channel: c.channel == channel)
                if todo:
                    send(todo)
            remaining -= len(ids)
            commit_progress(self.env, len(ids), remaining)
        if self.kind == "scheduled" and not self.contact_ids.filtered(lambda c: c.state == "draft"):
            self._smec_action_write({"state": "done"})

    def _lock_drafts(self, ids):
        """The contacts of ``ids`` still to send, locked for this transaction: a
        contact another worker (a job, the cron beside a manual confirm) is
        sending is skipped here, and one it sent is no longer a draft."""
        self.env.flush_all()
        rows = self.env.execute_query(
            SQL(
                "SELECT id FROM smec_collection_contact WHERE id = ANY(%s) AND state = 'draft' "
                "ORDER BY id FOR UPDATE SKIP LOCKED",
                list(ids),
            )
        )
        contacts = self.env["smec.collection.contact"].browse([row[0] for row in rows])
        contacts.invalidate_recordset(["state"])
        return contacts

    def _still_due(self, contacts):
        """The contacts of which an invoice is still open."""
        if not contacts:
            return contacts
        self.env.flush_all()
        rows = self.env.execute_query(
            SQL(
                """
                SELECT l.contact_id FROM smec_collection_contact_line l
                  JOIN account_move_line aml ON aml.id = l.move_line_id
                 WHERE l.contact_id = ANY(%s) AND NOT aml.reconciled AND aml.amount_residual > 0
                 GROUP BY l.contact_id
                """,
                contacts.ids,
            )
        )
        return contacts.browse([row[0] for row in rows])

    def _cancel_paid(self, contacts):
        """A contact whose invoices were all paid since it was written is not sent."""
        paid = (contacts - self._still_due(contacts)).filtered(lambda c: c.channel != "hold")
        paid.write({"state": "cancelled", "reason": self.env._("Paid before it went out.")})
        return contacts - paid

    def _withdraw_paid_mails(self):
        """An email still waiting in Odoo's queue (for the end of quiet hours) is
        withdrawn once everything it chases is paid."""
        waiting = self.env["smec.collection.contact"].search(
            [
                ("company_id", "=", self.company_id.id),
                ("channel", "=", "email"),
                ("state", "=", "sent"),
                ("mail_id.state", "=", "outgoing"),
                ("mail_id.scheduled_date", ">", fields.Datetime.now()),
            ]
        )
        paid = waiting - self._still_due(waiting)
        paid.mail_id.cancel()
        paid.write({"state": "cancelled", "reason": self.env._("Paid before it went out.")})

    def _fail(self, contacts, error):
        if not contacts:
            return
        _logger.warning("Dunning contacts %s failed: %s", contacts.ids, error)
        contacts.write({"state": "failed", "reason": str(error)})

    def _isolated(self, contacts, send_one):
        """Send one by one, each in its savepoint: a contact that fails is marked
        failed with its reason, the others go."""
        for contact in contacts:
            try:
                with self.env.cr.savepoint():
                    send_one(contact)
            except Exception as error:
                self.env.invalidate_all()
                self._fail(contact, error)

    # ------------------------------------------------------------
    # letters
    # ------------------------------------------------------------

    def _send_letter(self, contacts):
        reports = {contact: contact._letter_report() for contact in contacts}
        for report in set(reports.values()) - {self.env["ir.actions.report"]}:
            todo = contacts.filtered(lambda c, report=report: reports[c] == report)
            try:
                with self.env.cr.savepoint():
                    self._render_letters(report, todo)
            except Exception:
                self.env.invalidate_all()
                self._isolated(todo, lambda c, report=report: self._render_letters(report, c))
        self._fail(
            contacts.filtered(lambda c: not reports[c]),
            self.env._("The stage has no letter template."),
        )

    def _render_letters(self, report, contacts):
        """One conversion for the batch; Odoo keeps each letter as its contact's
        attachment, which reprints the letter exactly as sent."""
        self.env["ir.actions.report"]._render_qweb_pdf(report, contacts.ids)
        attachments = self.env["ir.attachment"].search(
            [("res_model", "=", contacts._name), ("res_id", "in", contacts.ids)], order="id desc"
        )
        by_contact = {}
        for attachment in attachments:
            by_contact.setdefault(attachment.res_id, attachment)
        for contact in contacts:
            contact.write(
                {
                    "letter_attachment_id": by_contact.get(contact.id, False),
                    "state": "sent",
                    "user_id": contact._responsible().id,
                }
            )

    # ------------------------------------------------------------
    # emails
    # ------------------------------------------------------------

    def _send_email(self, contacts):
        scheduled = self._after_quiet_hours()
        values = {"scheduled_date": fields.Datetime.to_string(scheduled)} if scheduled else {}
        for template in contacts.stage_id.mail_template_id:
            todo = contacts.filtered(lambda c, template=template: c.stage_id.mail_template_id == template)
            try:
                with self.env.cr.savepoint():
                    self._queue_mails(template, todo, values)
            except Exception:
                self.env.invalidate_all()
                self._isolated(todo, lambda c, template=template: self._queue_mails(template, c, values))
        self._fail(
            contacts.filtered(lambda c: not c.stage_id.mail_template_id),
            self.env._("The stage has no email template."),
        )

    def _queue_mails(self, template, contacts, values):
        """Real ``mail.mail`` records through Odoo's queue, kept after sending so
        their delivery state stays on the contact."""
        mails = template.send_mail_batch(contacts.ids, email_values=dict(values, auto_delete=False))
        by_res = {mail.res_id: mail for mail in mails}
        for contact in contacts:
            contact.write({"mail_id": by_res[contact.id].id, "state": "sent", "user_id": contact._responsible().id})

    def _quiet_window(self):
        company = self.company_id
        tz = pytz.timezone(company.partner_id.tz or "Asia/Shanghai")
        now = pytz.utc.localize(fields.Datetime.now()).astimezone(tz)
        start = company.smec_quiet_start
        end = company.smec_quiet_end
        hour = now.hour + now.minute / 60
        quiet = (start <= hour or hour < end) if start > end else (start <= hour < end)
        return tz, now, quiet, end

    def _after_quiet_hours(self):
        """When now is in quiet hours, the UTC time they end; else False."""
        tz, now, quiet, end = self._quiet_window()
        if not quiet:
            return False
        day = now.date() if now.hour + now.minute / 60 < end else now.date() + timedelta(days=1)
        local = tz.localize(datetime.combine(day, time(int(end), round((end % 1) * 60))))
        return local.astimezone(pytz.utc).replace(tzinfo=None)

    # ------------------------------------------------------------
    # call tasks and holds
    # ------------------------------------------------------------

    def _send_call(self, contacts):
        later = self._after_quiet_hours()
        deadline = later.date() if later else self.date
        call = self.env.ref("mail.mail_activity_data_call")
        model_id = self.env["ir.model"]._get_id(contacts._name)
        vals_list = []
        for contact in contacts:
            user = contact._responsible()
            # the task is written in the language of whoever makes the call, not the run's
            in_lang = contact.with_context(lang=user.lang or self.env.lang)
            vals_list.append(
                {
                    "res_model_id": model_id,
                    "res_id": contact.id,
                    "activity_type_id": call.id,
                    "summary": in_lang.env._(
                        "%(stage)s: call %(partner)s", stage=in_lang.stage_id.name, partner=contact.partner_id.name
                    ),
                    "note": plaintext2html(in_lang.script or in_lang.wording or ""),
                    "user_id": user.id,
                    "date_deadline": max(deadline, self.date),
                }
            )
        activities = self.env["mail.activity"].create(vals_list)
        for contact, activity in zip(contacts, activities, strict=True):
            contact.write({"activity_id": activity.id, "state": "sent", "user_id": activity.user_id.id})

    def _send_hold(self, contacts):
        """Legal preparation: a blocking flag holds the partner's orders at the
        credit gate, the legal file is opened with the invoices, and a Collection
        Manager is asked to prepare it."""
        Flag = self.env["smec.credit.risk.flag"]
        todo = self.env.ref("mail.mail_activity_data_todo")
        for contact in contacts:
            partner = contact.partner_id
            held = Flag.search_count(
                [
                    ("partner_id", "=", partner.id),
                    ("company_id", "=", contact.company_id.id),
                    ("flag_type", "=", "collection_legal"),
                    ("is_active_flag", "=", True),
                ],
                limit=1,
            )
            if not held:
                Flag.create(
                    {
                        "partner_id": partner.id,
                        "company_id": contact.company_id.id,
                        "flag_type": "collection_legal",
                        "blocking": True,
                        "source": contact.name,
                        "note": html2plaintext(contact.wording or ""),
                    }
                )
            legal = self.env["smec.collection.legal.file"]._open_for(contact)
            activity = self.env["mail.activity"].create(
                {
                    "res_model_id": self.env["ir.model"]._get_id(legal._name),
                    "res_id": legal.id,
                    "activity_type_id": todo.id,
                    "summary": self.env._("Prepare the legal file of %(partner)s", partner=partner.name),
                    "note": plaintext2html(contact.wording or ""),
                    "user_id": contact._responsible(manager=True).id,
                    "date_deadline": self.date,
                }
            )
            contact.write({"activity_id": activity.id, "state": "sent", "user_id": activity.user_id.id})
