"""19.0.2.1.0: a dispute's resolution is now one of its kinds (credit note,
replacement, discount, withdrawn); the text written before is kept as how it
ended."""


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        "SELECT data_type FROM information_schema.columns "
        "WHERE table_name = 'smec_collection_dispute' AND column_name = 'resolution'"
    )
    row = cr.fetchone()
    if row and row[0] == "text":
        cr.execute("ALTER TABLE smec_collection_dispute RENAME COLUMN resolution TO resolution_note")
