{
    "name": "SMEC Credit Platform Settlements",
    "summary": "E-commerce platforms as debtors: orders invoiced to the platform, due on its settlement cycle; "
    "its settlement statements checked row by row and reconciled",
    "version": "19.0.1.0.0",
    "category": "Accounting/Credit Management",
    "website": "https://github.com/smec-credit/smec-credit",
    "author": "SMEC Credit",
    "license": "LGPL-3",
    "depends": ["smec_credit"],
    "external_dependencies": {"python": ["openpyxl"]},
    "data": [
        "security/smec_credit_platform_security.xml",
        "security/ir.model.access.csv",
        "views/res_partner_views.xml",
        "views/sale_order_views.xml",
        "views/account_move_views.xml",
        "views/smec_credit_platform_statement_views.xml",
        "views/smec_credit_platform_menus.xml",
    ],
    "demo": ["demo/smec_credit_platform_demo.xml"],
    "installable": True,
}
