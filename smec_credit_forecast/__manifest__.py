{
    "name": "SMEC Credit Cash-in Forecast",
    "summary": "Cash-in forecast by week for 13 weeks from each customer's payment behaviour, promises, disputes "
    "and legal claims, with its band, back-tested against what customers then paid",
    "version": "19.0.1.2.0",
    "category": "Accounting/Credit Management",
    "website": "https://github.com/smec-credit/smec-credit",
    "author": "SMEC Credit",
    "license": "LGPL-3",
    "depends": ["smec_credit_collection", "smec_credit_receivable"],
    "external_dependencies": {"python": ["numpy"]},
    "data": [
        "security/smec_credit_forecast_security.xml",
        "security/ir.model.access.csv",
        "data/ir_cron.xml",
        "views/smec_credit_forecast_line_views.xml",
        "views/smec_credit_forecast_views.xml",
        "views/smec_credit_forecast_menus.xml",
    ],
    "installable": True,
}
