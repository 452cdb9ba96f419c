# test_demo.py checks the demo database's story with pytest (`make pytest ADDON=smec_credit_demo/tests/test_demo.py`):
# it reads the demo database (SMEC_DEMO_DB), not the database under test, so Odoo's own runner imports nothing here
