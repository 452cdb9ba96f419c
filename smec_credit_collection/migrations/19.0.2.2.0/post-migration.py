"""19.0.2.2.0: the third-party stage of each company's default plan sends the
lawyer's letter, which did not exist before (the stage used the demand letter)."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    demand = env.ref("smec_credit_collection.action_report_dunning_letter")
    lawyer = env.ref("smec_credit_collection.action_report_lawyer_letter")
    stages = env["smec.collection.stage"].search(
        [
            ("plan_id.is_default", "=", True),
            ("days_overdue", "=", 60),
            ("channel_letter", "=", True),
            ("letter_report_id", "=", demand.id),
        ]
    )
    stages.write({"letter_report_id": lawyer.id})
