"""Stages before 19.0.2.0.0 belonged to a company and had one action; they now
belong to a plan and have channels. Each company's stages become its default
plan, their action its channels, and the old constraint that refused a stage
before the due date goes."""

from odoo import SUPERUSER_ID, api

CHANNELS = {
    "email": "channel_email = TRUE",
    "call": "channel_call = TRUE",
    "letter": "channel_letter = TRUE, channel_email = TRUE",
    "legal": "hold_orders = TRUE, needs_confirmation = TRUE",
}


def migrate(cr, version):
    if not version:
        return
    cr.execute("ALTER TABLE smec_collection_stage DROP CONSTRAINT IF EXISTS smec_collection_stage__days_positive")
    cr.execute("DROP INDEX IF EXISTS smec_collection_stage__days_company_unique")
    cr.execute("SELECT column_name FROM information_schema.columns WHERE table_name = 'smec_collection_stage'")
    columns = {row[0] for row in cr.fetchall()}
    # the new flags of the stages that existed are false, not empty
    cr.execute(
        "UPDATE smec_collection_stage SET channel_email = COALESCE(channel_email, FALSE), "
        "channel_letter = COALESCE(channel_letter, FALSE), channel_call = COALESCE(channel_call, FALSE), "
        "hold_orders = COALESCE(hold_orders, FALSE), needs_confirmation = COALESCE(needs_confirmation, FALSE)"
    )
    if "action_type" in columns:
        for action, assignment in CHANNELS.items():
            cr.execute(
                f"UPDATE smec_collection_stage SET {assignment} WHERE action_type = %s",
                [action],
            )
    env = api.Environment(cr, SUPERUSER_ID, {})
    cr.execute("SELECT DISTINCT company_id FROM smec_collection_stage WHERE plan_id IS NULL")
    for (company_id,) in cr.fetchall():
        cr.execute(
            """
            INSERT INTO smec_collection_plan (name, company_id, sequence, active, is_default, create_uid, create_date,
                                              write_uid, write_date)
            VALUES (%s, %s, 10, TRUE, TRUE, 1, NOW() AT TIME ZONE 'UTC', 1, NOW() AT TIME ZONE 'UTC')
            RETURNING id
            """,
            ['{"en_US": "Standard collection", "zh_CN": "标准催收", "zh_TW": "標準催收"}', company_id],
        )
        plan_id = cr.fetchone()[0]
        cr.execute(
            "UPDATE smec_collection_stage SET plan_id = %s, interval_days = COALESCE(interval_days, 7) "
            "WHERE company_id = %s AND plan_id IS NULL",
            [plan_id, company_id],
        )
    cr.execute("ALTER TABLE smec_collection_stage ALTER COLUMN plan_id SET NOT NULL")
    env["res.company"].search([])._smec_create_default_plan()  # pylint: disable=no-search-all
