{
    "name": "SMEC Credit Collection Queue",
    "summary": "Dunning letters and emails rendered and sent as queue_job jobs, one per batch",
    "version": "19.0.1.0.0",
    "category": "Accounting/Credit Management",
    "website": "https://github.com/smec-credit/smec-credit",
    "author": "SMEC Credit",
    "license": "LGPL-3",
    "depends": ["smec_credit_collection", "queue_job"],
    "data": ["data/queue_job_data.xml", "views/res_config_settings_views.xml"],
    "installable": True,
    "auto_install": True,
}
