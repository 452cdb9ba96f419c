"""No production add-on carries the demo's code (#32): the models, methods and function calls that make the demo
database's story live in ``smec_credit_demo``, which ``make setup`` installs into the demo database only. The
add-ons keep their demo records (users, partners, products) in their own ``demo/`` files, which Odoo loads only
into a database made with demo data, and those files call no code."""

import ast
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))
import smec_setup  # noqa: E402


def _demo_code(path):
    """What in the Python file ``path`` is demo code: a model named or extending a demo model, a method
    named for the demo."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") in ("_name", "_inherit") for t in node.targets):
            value = node.value
            names = [value.value] if isinstance(value, ast.Constant) else [getattr(e, "value", "") for e in value.elts]
            found += [f"model {n}" for n in names if "demo" in str(n)]
        if isinstance(node, ast.FunctionDef) and "demo" in node.name:
            found.append(f"method {node.name}")
    return found


def test_production_addons_hold_no_demo_code():
    assert "smec_credit_demo" not in smec_setup.MODULES
    found = {}
    for module in smec_setup.MODULES:
        for path in sorted((REPO / module).rglob("*.py")):
            if "tests" in path.relative_to(REPO / module).parts:
                continue
            if what := _demo_code(path):
                found[str(path.relative_to(REPO))] = what
        for path in sorted((REPO / module).glob("demo/*.xml")):
            if "<function" in path.read_text(encoding="utf-8"):
                found[str(path.relative_to(REPO))] = ["a <function> call"]
    assert not found, found


def test_the_check_sees_demo_code():
    """The check above finds what it looks for: the demo add-on's models are demo code."""
    assert _demo_code(REPO / "smec_credit_demo" / "models" / "smec_credit_demo.py")
    assert _demo_code(REPO / "smec_credit_demo" / "models" / "smec_training_demo.py")
