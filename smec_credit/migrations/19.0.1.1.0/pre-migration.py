"""19.0.1.1.0: decisions are stamped alike on every model (smec.credit.decision.mixin).

An assessment's ``approved_by_id`` and ``approved_date`` become ``decided_by_id`` and
``decided_on``: the columns are renamed before the update, so the new fields find their
values in them; the old fields, gone from the code, then have no column to drop.
"""

RENAMED = {"approved_by_id": "decided_by_id", "approved_date": "decided_on"}


def migrate(cr, version):
    for old, new in RENAMED.items():
        cr.execute(
            """
            SELECT 1 FROM information_schema.columns
             WHERE table_name = 'smec_credit_assessment' AND column_name = %s
            """,
            [old],
        )
        if cr.fetchone():
            cr.execute(f'ALTER TABLE smec_credit_assessment RENAME COLUMN "{old}" TO "{new}"')
