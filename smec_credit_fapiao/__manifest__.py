{
    "name": "SMEC Credit: Fapiao-aware Receivables",
    "summary": "The VAT fapiao of each customer invoice (8 or 20 digits, issued, received); terms counted from its "
    "receipt; dunning waits for it; statements, letters, dunning emails and the aging show its number",
    "version": "19.0.1.1.0",
    "category": "Accounting/Credit Management",
    "website": "https://github.com/smec-credit/smec-credit",
    "author": "SMEC Credit",
    "license": "LGPL-3",
    "depends": ["smec_credit_collection", "smec_credit_receivable", "l10n_cn"],
    "data": [
        "views/account_move_views.xml",
        "views/account_payment_term_views.xml",
        "views/res_config_settings_views.xml",
        "report/smec_collection_letter.xml",
        "report/smec_collection_statement.xml",
        "views/smec_credit_aging_views.xml",
        "views/smec_collection_mail_templates.xml",
    ],
    "installable": True,
    "auto_install": True,
}
