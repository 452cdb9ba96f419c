{
    "name": "SMEC China Working Days",
    "summary": "China's working-day calendar: statutory holidays and make-up working days as data, per year",
    "version": "19.0.1.0.0",
    "category": "Hidden",
    "website": "https://github.com/smec-credit/smec-credit",
    "author": "SMEC Credit",
    "license": "LGPL-3",
    "depends": ["base"],
    "external_dependencies": {"python": ["chinesecalendar"]},
    "data": [
        "security/smec_workday_security.xml",
        "security/ir.model.access.csv",
        "views/smec_workday_views.xml",
    ],
    "post_init_hook": "post_init_hook",
    "installable": True,
}
