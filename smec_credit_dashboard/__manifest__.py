{
    "name": "SMEC Credit Dashboard",
    "summary": "The Credit dashboard in Odoo's Dashboards app: exposure by grade, aging, DSO and CEI, overdue "
    "customers, the industry's figure",
    "version": "19.0.1.0.0",
    "category": "Productivity/Dashboard",
    "website": "https://github.com/smec-credit/smec-credit",
    "author": "SMEC Credit",
    "license": "LGPL-3",
    "depends": ["smec_credit", "smec_credit_receivable", "spreadsheet_dashboard"],
    "data": ["data/dashboards.xml"],
    "installable": True,
    "auto_install": True,
}
