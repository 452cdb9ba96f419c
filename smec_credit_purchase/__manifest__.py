{
    "name": "SMEC Credit Purchase",
    "summary": "Supplier credit grades on purchase orders and requests for quotation",
    "version": "19.0.1.0.0",
    "category": "Accounting/Credit Management",
    "website": "https://github.com/smec-credit/smec-credit",
    "author": "SMEC Credit",
    "license": "LGPL-3",
    "depends": ["smec_credit", "purchase"],
    "data": ["views/purchase_order_views.xml"],
    "installable": True,
    "auto_install": True,
}
