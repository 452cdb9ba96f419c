"""19.0.2.4.0: "large enterprise or public body" is one field, smec_credit's
customer size, which Our Credit's 60-day list and the late-payment interest
both read. What collection's payer kind said is kept there: a partner that
either field called a large enterprise or a public body stays one; the credit
change log's entries of the payer kind become entries of the customer size."""


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        "SELECT 1 FROM information_schema.columns WHERE table_name = 'res_partner' AND column_name = 'smec_payer_kind'"
    )
    if not cr.fetchone():
        return
    cr.execute(
        """
        UPDATE res_partner
           SET smec_debtor_size = smec_payer_kind
         WHERE smec_payer_kind IN ('large', 'public')
           AND smec_debtor_size IS DISTINCT FROM 'large' AND smec_debtor_size IS DISTINCT FROM 'public'
        """
    )
    cr.execute("UPDATE smec_credit_log SET field = 'debtor_size' WHERE field = 'payer_kind'")
