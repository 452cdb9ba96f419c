{
    "name": "SMEC Credit Collection Dashboard",
    "summary": "The Collection dashboard in Odoo's Dashboards app: collection results by stage and collector, "
    "promises kept",
    "version": "19.0.1.0.0",
    "category": "Productivity/Dashboard",
    "website": "https://github.com/smec-credit/smec-credit",
    "author": "SMEC Credit",
    "license": "LGPL-3",
    "depends": ["smec_credit_collection", "smec_credit_dashboard"],
    "data": ["data/dashboards.xml"],
    "installable": True,
    "auto_install": True,
}
