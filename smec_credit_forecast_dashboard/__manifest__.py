{
    "name": "SMEC Credit Cash-in Forecast Dashboard",
    "summary": "The Cash-in Forecast dashboard in Odoo's Dashboards app: the newest forecast by week for 13 weeks "
    "with its low and high band",
    "version": "19.0.1.0.0",
    "category": "Productivity/Dashboard",
    "website": "https://github.com/smec-credit/smec-credit",
    "author": "SMEC Credit",
    "license": "LGPL-3",
    "depends": ["smec_credit_forecast", "smec_credit_dashboard"],
    "data": ["data/dashboards.xml"],
    "installable": True,
    "auto_install": True,
}
