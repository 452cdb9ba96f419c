"""The set-up script's detection of Odoo and PostgreSQL, without a network."""

import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
import smec_setup


def make_tree(root: Path, major=19, minor=0):
    (root / "odoo").mkdir(parents=True)
    (root / "addons").mkdir()
    (root / "odoo" / "release.py").write_text(
        f"RELEASE_LEVELS = []\nversion_info = ({major}, {minor}, 0, 'final', 0, '')\n"
    )
    (root / "requirements.txt").write_text("cbor2==5.4.2 ; python_version < '3.12'\npython-ldap==3.4.0\n")
    return root


def fake_run(returncode=0, stdout=""):
    def run(cmd, **kwargs):
        return subprocess.CompletedProcess(cmd, returncode, stdout=stdout, stderr="")

    return run


def no_download():
    raise smec_setup.SetupError("download attempted")


def test_odoo_src_19_is_used(tmp_path):
    root = make_tree(tmp_path / "odoo19")
    found = smec_setup.find_odoo({"ODOO_SRC": str(root)}, run=fake_run(1), download=no_download)
    assert found.root == root.resolve()
    assert found.version == (19, 0)
    assert found.origin == "ODOO_SRC"
    assert found.addons_dirs == [root.resolve() / "addons"]


def test_odoo_src_wrong_version_is_refused(tmp_path):
    root = make_tree(tmp_path / "odoo18", major=18)
    with pytest.raises(smec_setup.SetupError, match=r"is Odoo 18\.0, but SMEC Credit needs Odoo 19\.0"):
        smec_setup.find_odoo({"ODOO_SRC": str(root)}, run=fake_run(1), download=no_download)


def test_odoo_src_missing_folder(tmp_path):
    with pytest.raises(smec_setup.SetupError, match="does not exist"):
        smec_setup.find_odoo({"ODOO_SRC": str(tmp_path / "nowhere")}, download=no_download)


def test_odoo_src_not_an_odoo_tree(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(smec_setup.SetupError, match="is not an Odoo source tree"):
        smec_setup.find_odoo({"ODOO_SRC": str(tmp_path / "empty")}, download=no_download)


def test_importable_odoo_is_used_when_no_odoo_src():
    found = smec_setup.find_odoo({}, run=fake_run(0, "19 0\n/opt/odoo\n"), download=no_download)
    assert found.root == Path("/opt/odoo")
    assert found.origin == "python3"


def test_importable_odoo_of_wrong_version_is_refused():
    with pytest.raises(smec_setup.SetupError, match=r"importable by python3 is Odoo 17\.0"):
        smec_setup.find_odoo({}, run=fake_run(0, "17 0\n/opt/odoo\n"), download=no_download)


def test_download_when_nothing_else(tmp_path):
    calls = []

    def download():
        calls.append(True)
        return smec_setup.OdooSource(tmp_path, (19, 0), "download")

    found = smec_setup.find_odoo({}, run=fake_run(1), download=download)
    assert calls == [True]
    assert found.origin == "download"


def test_failed_download_names_what_is_missing(tmp_path):
    def opener(url, timeout):
        raise OSError("Name or service not known")

    with pytest.raises(smec_setup.SetupError) as info:
        smec_setup.download_odoo("https://example.invalid/odoo.tgz", tmp_path / "dl", opener=opener)
    message = str(info.value)
    assert "ODOO_SRC is not set" in message
    assert "python3 cannot import odoo" in message
    assert "Name or service not known" in message


def test_previous_download_is_reused(tmp_path):
    make_tree(tmp_path / "dl" / "odoo-19.0.post20261101")

    def opener(url, timeout):
        raise AssertionError("must not download again")

    found = smec_setup.download_odoo("https://example.invalid/odoo.tgz", tmp_path / "dl", opener=opener)
    assert found.version == (19, 0)


def test_postgres_not_answering_says_what_to_do(monkeypatch):
    monkeypatch.setattr(smec_setup, "postgres_answers", lambda run=None: False)
    monkeypatch.setattr(smec_setup.shutil, "which", lambda name: None)
    with pytest.raises(smec_setup.SetupError) as info:
        smec_setup.ensure_postgres(run=fake_run(1), is_root=False)
    assert "PostgreSQL does not answer" in str(info.value)
    assert "apt-get install postgresql" in str(info.value)


def test_postgres_answering_needs_nothing(monkeypatch):
    monkeypatch.setattr(smec_setup, "postgres_answers", lambda run=None: True)
    smec_setup.ensure_postgres(run=fake_run(1), is_root=False)


def test_chromium_found_needs_nothing():
    calls = []
    found = smec_setup.check_chromium(run=lambda cmd, **kw: calls.append(cmd), which=lambda name: name == "chromium")
    assert found == "ok"
    assert calls == []


def test_chromium_missing_is_installed_as_root(monkeypatch):
    installed = set()
    monkeypatch.setattr(smec_setup.os, "geteuid", lambda: 0)

    def run(cmd, **kwargs):
        installed.add("chromium")
        return subprocess.CompletedProcess(cmd, 0)

    found = smec_setup.check_chromium(run=run, which=lambda name: name in installed or name == "apt-get")
    assert found == "installed"


def test_chromium_missing_says_tests_will_fail(monkeypatch, capsys):
    monkeypatch.setattr(smec_setup.os, "geteuid", lambda: 1000)
    found = smec_setup.check_chromium(run=fake_run(1), which=lambda name: None)
    assert found == "missing"
    out = capsys.readouterr().out
    assert "apt-get install chromium" in out
    assert "`make test` will fail" in out


def test_requirements_adjusted_for_this_python():
    text = (
        "cbor2==5.4.2 ; python_version < '3.12'\n"
        "cbor2==5.6.2 ; python_version >= '3.12'\n"
        "python-ldap==3.4.0\n"
        "lxml==4.9.3\n"
    )
    adjusted = smec_setup.adjusted_requirements(text, have_ldap=False)
    assert "cbor2>=5.6 ; python_version < '3.12'" in adjusted
    assert "cbor2==5.4.2" not in adjusted
    assert "cbor2==5.6.2 ; python_version >= '3.12'" in adjusted
    assert "python-ldap" not in adjusted
    assert "lxml==4.9.3" in adjusted
    assert "python-ldap==3.4.0" in smec_setup.adjusted_requirements(text, have_ldap=True)


def test_config_lists_odoo_addons_then_ours(tmp_path):
    root = make_tree(tmp_path / "odoo")
    text = smec_setup.config_text(smec_setup.OdooSource(root, (19, 0), "ODOO_SRC"), "alice")
    assert f"addons_path = {root / 'addons'},{smec_setup.REPO}" in text
    assert "db_user = alice" in text


def test_postgres_role_is_refused(monkeypatch):
    monkeypatch.setenv("PGUSER", "postgres")
    with pytest.raises(smec_setup.SetupError, match="refuses"):
        smec_setup.db_user()


def test_demo_database_kept_only_when_the_addons_did_not_change(tmp_path, monkeypatch):
    calls = []

    def run(cmd, **kwargs):
        calls.append(cmd[0] if cmd[0] != str(smec_setup.venv_python()) else "odoo")
        if "select 1 from pg_database" in " ".join(map(str, cmd)):
            return subprocess.CompletedProcess(cmd, 0, stdout="1\n", stderr="")
        if "ir_module_module" in " ".join(map(str, cmd)):
            return subprocess.CompletedProcess(cmd, 0, stdout=f"{len(smec_setup.MODULES)}\n", stderr="")
        return subprocess.CompletedProcess(cmd, 0, stdout="", stderr="")

    stamp = tmp_path / "demo.stamp"
    smec_setup.create_database("demo", demo=True, run=run, stamp=stamp)
    assert calls[-2:] == ["dropdb", "odoo"], "no stamp yet: built"
    assert stamp.read_text() == smec_setup.addons_fingerprint()
    calls.clear()
    smec_setup.create_database("demo", demo=True, run=run, stamp=stamp)
    assert "dropdb" not in calls, "same addons: kept"
    stamp.write_text("an older version of the addons")
    calls.clear()
    smec_setup.create_database("demo", demo=True, run=run, stamp=stamp)
    assert calls[-2:] == ["dropdb", "odoo"], "addons changed: rebuilt"


def test_only_the_demo_database_gets_the_demo_addon(monkeypatch):
    """`make setup` installs the demo's story (smec_credit_demo) into the demo database, with demo data; `make
    testdb` the add-ons alone, as a customer's database has them: no test needs the demo's code."""
    installed = {}

    def create_database(name, demo, run=None, stamp=None, modules=smec_setup.MODULES):
        installed[name] = (demo, list(modules))

    monkeypatch.setattr(smec_setup, "create_database", create_database)
    odoo = smec_setup.OdooSource(Path("/odoo"), (19, 0), "python3")
    monkeypatch.setattr(smec_setup, "find_odoo", lambda: odoo)
    for step in ("ensure_venv", "install_python_packages", "ensure_postgres", "ensure_db_role", "write_config",
                 "check_wkhtmltopdf", "check_cjk_font", "check_chromium", "_require_setup"):  # fmt: skip
        monkeypatch.setattr(smec_setup, step, lambda *args, **kwargs: "ok")
    monkeypatch.setattr(smec_setup, "db_user", lambda: "someone")
    smec_setup.cmd_setup(None)
    smec_setup.cmd_testdb(None)
    assert installed[smec_setup.DEMO_DB] == (True, [*smec_setup.MODULES, "smec_credit_demo"])
    assert installed[smec_setup.TEST_DB][0] is False
    assert "smec_credit_demo" not in installed[smec_setup.TEST_DB][1]


def test_addons_are_packaged_not_installed(tmp_path, monkeypatch):
    """Set-up builds each addon's wheel as a packaging check, never an editable
    install (whool's puts a symlink to the addon inside it), and removes the
    loops an earlier set-up left."""
    monkeypatch.setattr(smec_setup, "REPO", tmp_path)
    for module in smec_setup.DEMO_MODULES:
        stale = tmp_path / module / "build" / "__editable__" / "odoo" / "addons"
        stale.mkdir(parents=True)
        (stale / module).symlink_to(tmp_path / module)
    calls = []

    def run(cmd, **kwargs):
        calls.append(cmd)
        return subprocess.CompletedProcess(cmd, 0, stdout="", stderr="")

    smec_setup.build_addon_wheels(run=run)
    assert not any((tmp_path / m / "build").exists() for m in smec_setup.DEMO_MODULES)
    wheel = next(cmd for cmd in calls if "wheel" in cmd)
    assert "--no-deps" in wheel
    assert wheel[-len(smec_setup.DEMO_MODULES) :] == [str(tmp_path / m) for m in smec_setup.DEMO_MODULES]
    assert not any("-e" in cmd or "install" in cmd for cmd in calls)


def test_odoo_runner_summary_reads_the_result_line():
    log = "... odoo.tests.result: 2 failed, 1 error(s) of 170 tests when loading database 'x'\n"
    assert smec_setup.odoo_runner_summary(log) == (170, 3)
    assert smec_setup.odoo_runner_summary("odoo.tests.result: 0 failed, 0 error(s) of 12 tests") == (12, 0)
    # no result line: the run did not finish, which counts as a failure
    assert smec_setup.odoo_runner_summary("Traceback (most recent call last):") == (0, 1)


def test_odoo_suites_run_post_install_tests_of_cis_modules_and_those_asked():
    assert smec_setup.suite_modules() == list(smec_setup.ODOO_SUITES)
    assert smec_setup.suite_modules(" account, website_sale,sale") == [
        *smec_setup.ODOO_SUITES,
        "account",
        "website_sale",
    ]
    # SMEC_SUITES_ONLY: a pass of named suites instead of CI's (the live pass, account's long run)
    assert smec_setup.suite_modules("", "sale, sale_stock") == ["sale", "sale_stock"]
    assert smec_setup.suite_modules("website_sale", "account") == ["account", "website_sale"]
    tags = smec_setup.suites_test_tags(["sale", "portal"])
    assert tags == "-at_install,/sale,/portal"


def test_odoo_failed_tests_are_named_once_each():
    log = (
        "2026-12-07 ERROR db odoo.addons.sale.tests.test_sale_prices: FAIL: TestSalePrices.test_discount\n"
        "Traceback ...\n"
        "2026-12-07 ERROR db odoo.addons.sale.tests.test_payment_flow: ERROR: TestSalePayment.test_partial\n"
        "2026-12-07 ERROR db odoo.addons.sale.tests.test_sale_prices: FAIL: TestSalePrices.test_discount\n"
        "2026-12-07 INFO db odoo.tests.result: 1 failed, 1 error(s) of 900 tests when loading database 'db'\n"
    )
    assert smec_setup.odoo_failed_tests(log) == ["TestSalePrices.test_discount", "TestSalePayment.test_partial"]
    assert smec_setup.odoo_runner_summary(log) == (900, 2)


def test_addon_requirements_come_from_the_manifests():
    requirements = smec_setup.addon_requirements()
    # smec_workday's calendar data, smec_credit's xlsx export
    assert "chinesecalendar" in requirements
    assert "openpyxl" in requirements
    # smec_credit_review's logistic regression and AUC
    assert "scikit-learn" in requirements
    assert len(requirements) == len(set(requirements))
    listed = [
        line.strip()
        for line in (smec_setup.REPO / "requirements.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert sorted(listed) == sorted(requirements)
