"""19.0.2.2.0: letter stages have their template. Stages migrated from the
versions before plans have none (NULL), so that their letters failed with "the
stage has no letter template": they get the demand letter. The third-party
stage (60 days) of each company's default plan sends the lawyer's letter, which
did not exist before."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    demand = env.ref("smec_credit_collection.action_report_dunning_letter")
    lawyer = env.ref("smec_credit_collection.action_report_lawyer_letter")
    Stage = env["smec.collection.stage"].with_context(active_test=False)
    Stage.search([("channel_letter", "=", True), ("letter_report_id", "=", False)]).write(
        {"letter_report_id": demand.id}
    )
    Stage.search(
        [
            ("plan_id.is_default", "=", True),
            ("days_overdue", "=", 60),
            ("channel_letter", "=", True),
            ("letter_report_id", "=", demand.id),
        ]
    ).write({"letter_report_id": lawyer.id})
