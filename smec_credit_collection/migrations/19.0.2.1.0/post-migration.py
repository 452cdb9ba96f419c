"""19.0.2.1.0: a dispute lists its invoices as lines with the disputed amount.
The invoices disputed before are disputed for what was open of them then (their
whole amount when paid since), as the old dispute amount counted them."""

from odoo import SUPERUSER_ID, api

OLD_TABLE = "account_move_smec_collection_dispute_rel"


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    # the Character criteria of disputes and promises join the customer scorecards
    env["res.company"].search([])._smec_add_collection_criteria()  # pylint: disable=no-search-all
    cr.execute("SELECT to_regclass(%s)", [OLD_TABLE])
    if not cr.fetchone()[0]:
        return
    cr.execute(
        f"""
        INSERT INTO smec_collection_dispute_line
               (dispute_id, move_id, company_id, partner_id, state, amount,
                create_uid, create_date, write_uid, write_date)
        SELECT d.id, am.id, d.company_id, d.partner_id, d.state,
               CASE WHEN am.amount_residual > 0 THEN am.amount_residual ELSE am.amount_total END,
               d.create_uid, NOW() AT TIME ZONE 'UTC', d.write_uid, NOW() AT TIME ZONE 'UTC'
          FROM {OLD_TABLE} r
          JOIN smec_collection_dispute d ON d.id = r.smec_collection_dispute_id
          JOIN account_move am ON am.id = r.account_move_id
         WHERE am.amount_total > 0
        ON CONFLICT DO NOTHING
        """
    )
    env = api.Environment(cr, SUPERUSER_ID, {})
    disputes = env["smec.collection.dispute"].with_context(active_test=False).search([])
    env.add_to_compute(env["smec.collection.dispute"]._fields["amount"], disputes)
    env.flush_all()
    cr.execute(f"DROP TABLE {OLD_TABLE}")
