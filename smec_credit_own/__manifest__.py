{
    "name": "SMEC Credit: Our Own Credit",
    "summary": "The company's own credit: its obligations' deadlines on China's working-day calendar, the public "
    "records about it, supplier bills paid on time, and the one-page Our Credit summary",
    "version": "19.0.1.0.0",
    "category": "Accounting/Credit Management",
    "website": "https://github.com/smec-credit/smec-credit",
    "author": "SMEC Credit",
    "license": "LGPL-3",
    "depends": ["smec_credit", "smec_workday"],
    "data": [
        "security/smec_credit_own_security.xml",
        "security/ir.model.access.csv",
        "data/smec_credit_obligation_data.xml",
        "views/smec_credit_our_credit_views.xml",
        "views/res_config_settings_views.xml",
        "views/smec_credit_own_menus.xml",
    ],
    "installable": True,
}
