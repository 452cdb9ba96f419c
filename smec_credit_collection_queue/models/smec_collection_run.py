from odoo import models
from odoo.tools import split_every

from odoo.addons.smec_credit_collection.models.smec_collection_run_send import BATCH_SEND


class SmecCollectionRun(models.Model):
    _inherit = "smec.collection.run"

    def _send(self, contacts):
        """With jobs switched on, each batch of the run is one job, whose identity
        is its contacts: dispatching the same batch again (a run resumed after a
        crash, two workers) adds no job. Each job sends only the drafts it can
        lock, so a contact goes once even when two jobs share it."""
        self.ensure_one()
        if not self.company_id.smec_dunning_queue or self.env.context.get("smec_dunning_in_job"):
            return super()._send(contacts)
        for ids in split_every(BATCH_SEND, sorted(contacts.ids)):
            self.with_delay(
                channel="root.smec_dunning",
                description=self.env._("Dunning %(run)s: %(count)s contacts", run=self.name, count=len(ids)),
                identity_key=f"smec_dunning:{self.id}:{','.join(map(str, ids))}",
            )._send_job(list(ids))
        return None

    def _send_job(self, contact_ids):
        """The job of one batch: what the run's code enqueued (the cron, or a manager's
        confirm after its checks) is sent as the run itself sends it."""
        run = self.sudo().with_context(smec_dunning_in_job=True)
        contacts = run.env["smec.collection.contact"].browse(contact_ids).exists()
        run._send(contacts)
        return self.env._("%(count)s contacts processed", count=len(contacts))
