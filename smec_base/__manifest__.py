{
    "name": "SMEC Base",
    "summary": "What users may not write through any interface: computed fields, workflow states, decision stamps",
    "version": "19.0.1.2.0",
    "category": "Hidden",
    "website": "https://github.com/smec-credit/smec-credit",
    "author": "SMEC Credit",
    "license": "LGPL-3",
    "depends": ["base"],
    "data": ["report/smec_letterhead.xml"],
    "installable": True,
}
