{
    "name": "SMEC Credit Collector's Worklist",
    "summary": "Each collector's list of the day, ranked by what a call is worth (the amount at risk times the "
    "customer's share paid late or not at all, from the cash-in forecast's behaviour model), with the next "
    "action and one-click outcomes",
    "version": "19.0.1.0.0",
    "category": "Accounting/Credit Management",
    "website": "https://github.com/smec-credit/smec-credit",
    "author": "SMEC Credit",
    "license": "LGPL-3",
    "depends": ["smec_credit_forecast"],
    "data": [
        "security/smec_credit_worklist_security.xml",
        "security/ir.model.access.csv",
        "data/ir_cron.xml",
        "views/smec_credit_worklist_views.xml",
        "views/res_partner_views.xml",
        "wizards/smec_credit_worklist_contact_views.xml",
        "views/smec_credit_worklist_menus.xml",
    ],
    "demo": ["demo/smec_credit_worklist_demo.xml"],
    "assets": {"web.assets_tests": ["smec_credit_worklist/static/tests/tours/**/*"]},
    "installable": True,
}
