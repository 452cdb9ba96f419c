{
    "name": "SMEC Credit: Dunning in the Set-up",
    "summary": "Each business profile paces the default dunning plan, and the go-live preview lists what the first "
    "dunning run would send (bridge of collection and the set-up)",
    "version": "19.0.1.0.0",
    "category": "Accounting/Credit Management",
    "website": "https://github.com/smec-credit/smec-credit",
    "author": "SMEC Credit",
    "license": "LGPL-3",
    "depends": ["smec_credit_collection", "smec_credit_setup"],
    "data": [
        "data/smec_credit_profile_data.xml",
        "views/smec_credit_profile_views.xml",
        "views/smec_credit_go_live_views.xml",
    ],
    "auto_install": True,
    "installable": True,
}
