{
    "name": "SMEC Credit Scorecard Review",
    "summary": "The credit manager's model review: back-test of a scorecard's grades against what customers then "
    "did, and a better card proposed",
    "version": "19.0.1.0.0",
    "category": "Accounting/Credit Management",
    "website": "https://github.com/smec-credit/smec-credit",
    "author": "SMEC Credit",
    "license": "LGPL-3",
    "depends": ["smec_credit", "smec_credit_receivable"],
    "external_dependencies": {"python": ["numpy", "scikit-learn", "xlsxwriter"]},
    "data": [
        "security/smec_credit_review_security.xml",
        "security/ir.model.access.csv",
        "data/ir_cron.xml",
        "views/smec_credit_review_line_views.xml",
        "views/smec_credit_review_views.xml",
        "views/smec_credit_scorecard_views.xml",
        "views/smec_credit_review_menus.xml",
    ],
    "installable": True,
}
