{
    "name": "SMEC Credit: Set-up by Business Profile",
    "summary": "The credit set-up by business profile (micro, start-up, family business, e-commerce, wholesale, "
    "manufacturing): every change shown beside today's value before it is applied; what going live would do, on "
    "screen and as xlsx",
    "version": "19.0.1.0.0",
    "category": "Accounting/Credit Management",
    "website": "https://github.com/smec-credit/smec-credit",
    "author": "SMEC Credit",
    "license": "LGPL-3",
    "depends": ["smec_credit", "smec_credit_receivable"],
    "external_dependencies": {"python": ["xlsxwriter"]},
    "data": [
        "security/smec_credit_setup_security.xml",
        "security/ir.model.access.csv",
        "data/smec_credit_profile_data.xml",
        "views/smec_credit_setup_views.xml",
        "views/smec_credit_go_live_views.xml",
        "views/res_config_settings_views.xml",
        "views/smec_credit_setup_menus.xml",
    ],
    "installable": True,
}
