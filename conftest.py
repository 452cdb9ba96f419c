"""Repository-wide pytest settings.

A skipped Odoo test is a test that did not run: the run fails instead of
passing quietly (set SMEC_ALLOW_SKIPS=1 to look at a partial run locally).
"""

import os

import pytest


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session, exitstatus):
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is None or os.environ.get("SMEC_ALLOW_SKIPS"):
        return
    skipped = reporter.stats.get("skipped", [])
    if skipped:
        reporter.write_line(f"FAILED: {len(skipped)} test(s) were skipped; every test must run.", red=True)
        for report in skipped:
            reporter.write_line(f"  skipped: {report.nodeid}: {report.longrepr[-1] if report.longrepr else ''}")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(scope="module")
def demo_env():
    """The demo database that `make setup` builds (SMEC_DEMO_DB), as the superuser in English, loaded as a server
    loads it, not as the test run loads its own database; everything a test does in it is rolled back. A missing
    demo database is an error, never a skip. The demo's own checks (smec_credit_demo/tests, tests/test_guides.py)
    read it through this fixture."""
    from odoo import SUPERUSER_ID, api  # noqa: PLC0415 (Odoo is imported once pytest-odoo has set it up)
    from odoo.modules.registry import Registry  # noqa: PLC0415
    from odoo.tools import config  # noqa: PLC0415

    saved = config["test_enable"]
    config["test_enable"] = False
    try:
        registry = Registry(os.environ.get("SMEC_DEMO_DB", "smec_demo"))
    finally:
        config["test_enable"] = saved
    with registry.cursor() as cr:
        yield api.Environment(cr, SUPERUSER_ID, {"lang": "en_US"})
        cr.rollback()
