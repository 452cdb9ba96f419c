"""19.0.1.6.0: a payment flagged for the Credit Manager's review stays flagged
until it is reviewed (``smec_review_required``): the payments waiting for
their review keep waiting whatever is done to them after."""


def migrate(cr, version):
    cr.execute(
        "UPDATE account_payment SET smec_review_required = TRUE "
        "WHERE smec_review_state = 'to_review' AND smec_review_required IS NOT TRUE"
    )
