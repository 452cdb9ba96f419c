# SMEC Credit: the commands the README documents.
PY      := .venv/bin/python
ADDONS  := smec_base smec_workday smec_credit smec_credit_platform smec_credit_own smec_credit_receivable smec_credit_setup smec_credit_collection smec_credit_collection_queue smec_credit_collection_setup smec_credit_training smec_credit_purchase smec_credit_stock smec_credit_review smec_credit_forecast smec_credit_worklist smec_credit_fapiao smec_credit_dashboard smec_credit_collection_dashboard smec_credit_forecast_dashboard smec_credit_demo
# test modules, installed in the test databases only (scripts/smec_setup.py TEST_MODULES): linted and tested too
TEST_ADDONS := test_smec_dunning_rule
# a second checkout on the same machine sets SMEC_TEST_DB (and SMEC_DEMO_DB, SMEC_HTTP_PORT...)
SMEC_TEST_DB ?= smec_test
TEST_DB ?= $(SMEC_TEST_DB)
# `make test ADDON=smec_credit` runs one module's tests (on the same fresh database).
ADDON   ?= $(ADDONS) $(TEST_ADDONS) tests

.PHONY: setup run test testdb pytest test-odoo test-odoo-suites install-alone upgrade-check lint bench screenshots clean

setup:
	python3 scripts/smec_setup.py setup

run:
	python3 scripts/smec_setup.py run

# A fresh database with the three modules, then every test against it.
test: testdb pytest

testdb:
	SMEC_TEST_DB=$(TEST_DB) python3 scripts/smec_setup.py testdb

pytest:
	$(PY) -m pytest --odoo-config=.odoo.conf --odoo-database=$(TEST_DB) --odoo-http \
		--odoo-log-level=warn -p no:cacheprovider $(ADDON)

# Odoo's own runner on a new database, as OCA's CI runs it (odoo-bin --test-enable)
test-odoo:
	python3 scripts/smec_setup.py odootest

# Odoo's own post-install suites (sale, sale_management, sale_stock, stock_account, purchase, survey,
# portal) on a new database with the add-ons installed, the company not live; fails on any failed test.
# SMEC_SUITES_EXTRA=account,website_sale adds suites; SMEC_SUITES_WITHOUT_ADDONS=1 runs them without the
# add-ons, SMEC_SUITES_LIVE=1 with the company live (docs/odoo-suites.md). Database: SMEC_SUITES_DB.
test-odoo-suites:
	python3 scripts/smec_setup.py suites

# each add-on split from smec_credit (docs/architecture.md part 2) installed alone, without demo data, in a
# copy of a database holding smec_credit only (TEST_DB_alone_*): one install each, timed
install-alone:
	SMEC_TEST_DB=$(TEST_DB) python3 scripts/smec_setup.py alone

# a database of an earlier version (scripts/upgrade_baseline) upgraded with -u keeps its credit data
upgrade-check:
	$(PY) scripts/upgrade_check.py

lint:
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m pylint --rcfile=.pylintrc-mandatory $(ADDONS) $(TEST_ADDONS)
	$(PY) -m oca_pre_commit_hooks.cli $(ADDONS) $(TEST_ADDONS)
	$(PY) scripts/readme_rst.py --check
	$(PY) scripts/build_dashboards.py --check

# the guides' screenshots (docs/screenshots/) from the demo database, as each role's demo user sees it;
# fails when a page shows an error. `make screenshots ROLE=credit` takes one role's pages.
screenshots:
	$(PY) scripts/screenshots.py $(ROLE)

bench:
	$(PY) bench/run.py

clean:
	rm -rf .venv .odoo.conf .odoo-data
