{
    "name": "SMEC Credit Demo",
    "summary": "The demo database's story (make setup): a wholesaler's year of credit, a day of collection, "
    "a training centre's classes; for demo databases only",
    "version": "19.0.1.0.0",
    "category": "Hidden",
    "website": "https://github.com/smec-credit/smec-credit",
    "author": "SMEC Credit",
    "license": "LGPL-3",
    "depends": [
        "smec_credit",
        "smec_credit_collection",
        "smec_credit_training",
        "smec_credit_stock",
        "smec_credit_review",
        "smec_credit_forecast",
        "smec_credit_platform",
        "smec_credit_own",
        "smec_credit_setup",
        "smec_credit_worklist",
    ],
    "demo": ["demo/smec_credit_demo.xml"],
    "installable": True,
}
