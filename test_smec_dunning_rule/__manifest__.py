{
    "name": "SMEC Credit: a Dunning Rule (test module)",
    "summary": "Tests that another module adds a rule to the dunning selection in Python: customers with a tag "
    "are not dunned",
    "version": "19.0.1.0.0",
    "category": "Hidden/Tests",
    "website": "https://github.com/smec-credit/smec-credit",
    "author": "SMEC Credit",
    "license": "LGPL-3",
    "depends": ["smec_credit_collection"],
    "data": ["data/res_partner_category_data.xml"],
    "installable": True,
}
