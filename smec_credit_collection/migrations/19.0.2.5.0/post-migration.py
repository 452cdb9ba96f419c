"""19.0.2.5.0: the mail templates are ``noupdate`` (as core's are): what users
changed in them is kept by later updates. A database installed before had them
updatable: they are marked as a new installation marks them."""


def migrate(cr, version):
    cr.execute(
        "UPDATE ir_model_data SET noupdate = TRUE WHERE module = %s AND name IN %s",
        ("smec_credit_collection", ("mail_template_dunning", "mail_template_statement")),
    )
