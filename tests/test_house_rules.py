"""OCA's house rules the repository keeps, read from its files (no database):
every add-on linted by `make lint` and pre-commit alike and installed by the
set-up, its readme fragments with CONTRIBUTORS, mail templates users edit
``noupdate``, and a reason beside each override of a private core method."""

import ast
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))
import smec_setup  # noqa: E402

ADDONS = sorted(p.parent.name for p in REPO.glob("*/__manifest__.py"))
# private methods of Odoo's core the add-ons extend: each needs the reason there is no public hook
PRIVATE_CORE_METHODS = ("_run_wkhtmltopdf", "_load_module_terms", "_creation_message")


def make_list(name):
    text = (REPO / "Makefile").read_text(encoding="utf-8")
    return re.search(rf"^{name}\s*:=\s*(.*)$", text, re.MULTILINE).group(1).split()


def test_every_addon_is_linted_installed_and_checked_by_pre_commit():
    assert ADDONS, "no add-on found"
    assert sorted(make_list("ADDONS") + make_list("TEST_ADDONS")) == ADDONS
    assert sorted(smec_setup.DEMO_MODULES + smec_setup.TEST_MODULES) == ADDONS
    config = (REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    oca = config[config.index("id: oca-checks-odoo-module") :]
    args = re.search(r"args: \[(.*)\]", oca).group(1).split(", ")
    assert sorted(args) == ADDONS
    # the test modules stay out of the demo database (and so of a customer's), the demo's add-on out of the
    # test databases and of a customer's
    assert not set(smec_setup.TEST_MODULES) & set(smec_setup.DEMO_MODULES)
    assert set(smec_setup.DEMO_MODULES) - set(smec_setup.MODULES) == {"smec_credit_demo"}


@pytest.mark.parametrize("addon", ADDONS)
def test_readme_fragments(addon):
    readme = REPO / addon / "readme"
    assert (readme / "DESCRIPTION.md").is_file()
    assert (readme / "CONTRIBUTORS.md").read_text(encoding="utf-8").strip().startswith("- ")
    assert "Contributors\n------------" in (REPO / addon / "README.rst").read_text(encoding="utf-8")


@pytest.mark.parametrize("addon", ADDONS)
def test_mail_templates_are_noupdate(addon):
    """A template users edit is not overwritten by the next update, as core's are not."""
    manifest = ast.literal_eval((REPO / addon / "__manifest__.py").read_text(encoding="utf-8"))
    for name in manifest.get("data", []):
        if not name.endswith(".xml"):
            continue
        root = ET.parse(REPO / addon / name).getroot()

        def walk(node, noupdate, name=name):
            noupdate = node.get("noupdate", noupdate) in ("1", "True", "true")
            for child in node:
                if child.tag == "record" and child.get("model") == "mail.template":
                    assert noupdate, f"{addon}/{name}: mail template {child.get('id')} is not noupdate"
                walk(child, noupdate)

        walk(root, False)


def test_private_core_overrides_say_why():
    found = []
    for path in sorted(REPO.glob("*/models/*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        lines = path.read_text(encoding="utf-8").splitlines()
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and node.name in PRIVATE_CORE_METHODS:
                found.append(node.name)
                text = "\n".join(lines[node.lineno - 1 : node.end_lineno])
                assert re.search(r"no\s+(public\s+)?hook", text), f"{path}: {node.name} overridden without the reason"
    assert sorted(set(found)) == sorted(PRIVATE_CORE_METHODS)


# the demo's own tests run on the demo database only (pytest), never in Odoo's runner's database
RUNNER_EXEMPT = {"smec_credit_demo"}


@pytest.mark.parametrize("addon", [a for a in ADDONS if a not in RUNNER_EXEMPT and (REPO / a / "tests").is_dir()])
def test_odoos_runner_imports_every_test_file(addon):
    # pytest collects test_*.py by name, Odoo's runner only what tests/__init__.py imports: a file left out
    # runs in `make test` and never in `make test-odoo` (seven were, found at 45d608c)
    tests = REPO / addon / "tests"
    imported = set(re.findall(r"^from \. import (\w+)", (tests / "__init__.py").read_text(encoding="utf-8"), re.M))
    files = {p.stem for p in tests.glob("test_*.py")}
    assert files - imported == set(), f"{addon}/tests/__init__.py does not import them"
