from datetime import timedelta

from odoo.tests import tagged

from odoo.addons.queue_job.tests.common import trap_jobs
from odoo.addons.smec_credit_collection.tests.test_dunning import DUE, DunningCommon


@tagged("post_install", "-at_install")
class TestDunningJobs(DunningCommon):
    def test_one_job_per_batch_identified_by_its_contacts(self):
        """Three customers, friendly stage: six contacts, batches of 100, so one
        job. Dispatched twice (a resumed run), still one job; performed, every
        contact is sent once."""
        self.company.smec_dunning_queue = True
        partners = self.customer | self.customer.copy({"name": "B"}) | self.customer.copy({"name": "C"})
        for partner in partners:
            self.make_invoice(partner, 100, DUE - timedelta(days=40), DUE)
        with trap_jobs() as trap:
            self.run_day(DUE + timedelta(days=8))
            contacts = self.Contact.search([("partner_id", "in", partners.ids)])
            self.assertEqual(len(contacts), 6)
            self.assertEqual(set(contacts.mapped("state")), {"draft"})
            run = contacts.run_id
            run._send(contacts)  # the same batch again
            trap.assert_jobs_count(1)
            trap.assert_enqueued_job(run._send_job, args=(sorted(contacts.ids),))
            self.assertEqual(
                trap.enqueued_jobs[0].identity_key, f"smec_dunning:{run.id}:{','.join(map(str, sorted(contacts.ids)))}"
            )
            trap.perform_enqueued_jobs()
        self.assertEqual(set(contacts.mapped("state")), {"sent"})
        self.assertEqual(len(contacts.mail_id), 3)
        self.assertEqual(len(contacts.activity_id), 3)
        self.assertEqual(run.state, "done")
        # a job that runs again finds nothing left to send
        run._send_job(contacts.ids)
        self.assertEqual(len(contacts.mail_id), 3)

    def test_without_the_switch_the_run_sends_itself(self):
        self.make_invoice(self.customer, 100, DUE - timedelta(days=40), DUE)
        with trap_jobs() as trap:
            self.run_day(DUE + timedelta(days=8))
            trap.assert_jobs_count(0)
        self.assertEqual(set(self.Contact.search([("partner_id", "=", self.customer.id)]).mapped("state")), {"sent"})
