#!/usr/bin/env python3
"""Set up a development environment for SMEC Credit.

Run through ``make setup`` (and ``make test`` / ``make run``). Standard library
only, so that it runs on the machine's ``python3`` before anything is installed.

What it does, in order (each step is safe to repeat):

1. find Odoo 19: ``ODOO_SRC``, else an ``odoo`` importable by ``python3``, else
   download Odoo's official 19.0 source release into ``.odoo-src/``;
2. create ``.venv/`` (with the system site-packages, so an Odoo already
   installed for ``python3`` is reused) and point it at that Odoo;
3. install Odoo's Python requirements (adjusted for this Python), the three
   addons through their ``pyproject.toml`` and the test tools;
4. make sure PostgreSQL answers (start or install it when possible);
5. check wkhtmltopdf and a CJK font (PDF reports) and Chromium (the browser tests);
6. write ``.odoo.conf``;
7. create the demo database with the add-ons, demo data and the demo's story (``smec_credit_demo``).
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import os
import pwd
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
VENV = REPO / ".venv"
DOWNLOAD_DIR = REPO / ".odoo-src"
CONFIG = REPO / ".odoo.conf"
DATA_DIR = REPO / ".odoo-data"
REQUIRED_MAJOR = 19
MODULES = (
    "smec_base",
    "smec_workday",
    "smec_credit",
    "smec_credit_platform",
    "smec_credit_own",
    "smec_credit_receivable",
    "smec_credit_setup",
    "smec_credit_collection",
    "smec_credit_collection_queue",
    # the set-up's dunning part (auto_install on smec_credit_collection and smec_credit_setup): named so that its
    # tests run with the add-ons' (make test-odoo)
    "smec_credit_collection_setup",
    "smec_credit_training",
    "smec_credit_purchase",
    "smec_credit_stock",
    "smec_credit_review",
    "smec_credit_forecast",
    # the collectors' worklist, ranked by the forecast's behaviour model (#36)
    "smec_credit_worklist",
    # the fapiao bridge (auto_install on smec_credit_collection and l10n_cn): named so that l10n_cn comes with it
    "smec_credit_fapiao",
    # the dashboards in Odoo's Dashboards app (spreadsheet_dashboard): bridges, auto-installed
    "smec_credit_dashboard",
    "smec_credit_collection_dashboard",
    "smec_credit_forecast_dashboard",
)
# test modules (OCA's way): installed in the test databases only, never in the demo's or a customer's
TEST_MODULES = ("test_smec_dunning_rule",)
# the demo database's story (smec_credit_demo): installed into the demo database only, never into a test or a
# customer's database, so that no production database carries demo code
DEMO_MODULES = (*MODULES, "smec_credit_demo")
DEMO_DB = os.environ.get("SMEC_DEMO_DB", "smec_demo")
# the add-ons split from smec_credit by concern (docs/architecture.md part 2): each installs alone, on its own
# dependencies (``make install-alone``)
SPLIT_MODULES = ("smec_credit_platform", "smec_credit_own", "smec_credit_receivable", "smec_credit_setup")
DEMO_LANGUAGE = "zh_CN"
TEST_DB = os.environ.get("SMEC_TEST_DB", "smec_test")
ODOO_TEST_DB = os.environ.get("SMEC_ODOO_TEST_DB", "smec_odoo_test")
# Odoo's own suites beside the add-ons (``make test-odoo-suites``)
SUITES_DB = os.environ.get("SMEC_SUITES_DB", "smec_suites")
# the Odoo modules whose post-install tests CI runs beside the add-ons; SUITES_EXTRA
# adds others (``account``, ``website_sale``: longer, run by hand, see the README)
ODOO_SUITES = ("sale", "sale_management", "sale_stock", "stock_account", "purchase", "survey", "portal")
# the ports the server and Odoo's runner listen on: two checkouts on one machine set their own
HTTP_PORT = int(os.environ.get("SMEC_HTTP_PORT", "8069"))
ODOO_TEST_PORT = int(os.environ.get("SMEC_ODOO_TEST_PORT", "8079"))
# Odoo's official source release of the 19.0 branch.
ODOO_RELEASE_URL = os.environ.get(
    "ODOO_RELEASE_URL",
    "https://nightly.odoo.com/19.0/nightly/tgz/odoo_19.0.latest.tar.gz",
)
TEST_TOOLS = (
    "pytest-odoo==2.3.0",
    "pytest>=8",
    "hypothesis>=6.100",
    "ruff==0.17.5",
    "pylint-odoo==10.0.12",
    "whool==1.3.1",
    "oca-odoo-pre-commit-hooks==0.2.27",
    # Odoo's browser tests (tours) drive Chromium through its websocket protocol
    "websocket-client>=1.6",
    # the certificate read as its holder sees it: its PDF page rendered, its QR code decoded
    "pypdfium2>=4.30",
    "zxing-cpp>=2.2",
    # the toolkit's workbooks computed by a spreadsheet engine
    "formulas>=1.2.8",
)

# OCA add-ons the repository's bridges build on, from the package registry;
# --no-deps, since they declare Odoo itself, which pip cannot see
OCA_ADDONS = ("odoo-addon-queue-job>=19.0,<19.1",)
OCA_ADDON_REQUIREMENTS = ("openupgradelib",)


class SetupError(Exception):
    """A problem the user has to fix; the message says what to do."""


@dataclass(frozen=True)
class OdooSource:
    root: Path  # directory that contains the ``odoo`` package and ``addons``
    version: tuple
    origin: str  # "ODOO_SRC", "python3" or "download"

    @property
    def addons_dirs(self) -> list[Path]:
        dirs = [self.root / "addons", self.root / "odoo" / "addons"]
        return [d for d in dirs if d.is_dir()]


# ---------------------------------------------------------------------------
# Finding Odoo
# ---------------------------------------------------------------------------

_VERSION_RE = re.compile(r"^version_info\s*=\s*\(\s*(\d+)\s*,\s*(\d+)", re.MULTILINE)


def read_release_version(root: Path) -> tuple | None:
    """Version of the Odoo source at ``root`` (read, not imported), or None."""
    release = root / "odoo" / "release.py"
    if not release.is_file():
        return None
    match = _VERSION_RE.search(release.read_text(encoding="utf-8", errors="replace"))
    if not match:
        return None
    return (int(match.group(1)), int(match.group(2)))


def check_version(version: tuple, where: str) -> None:
    if not version or version[0] != REQUIRED_MAJOR:
        found = ".".join(str(v) for v in version) if version else "an unknown version"
        raise SetupError(
            f"{where} is Odoo {found}, but SMEC Credit needs Odoo {REQUIRED_MAJOR}.0. "
            f"Point ODOO_SRC at an Odoo {REQUIRED_MAJOR}.0 source tree, or unset it "
            "to let `make setup` download the official 19.0 source release."
        )


def odoo_from_env(environ: dict) -> OdooSource | None:
    src = environ.get("ODOO_SRC")
    if not src:
        return None
    root = Path(src).expanduser().resolve()
    if not root.is_dir():
        raise SetupError(f"ODOO_SRC={src} does not exist or is not a directory.")
    version = read_release_version(root)
    if version is None:
        raise SetupError(
            f"ODOO_SRC={src} is not an Odoo source tree: {root / 'odoo' / 'release.py'} "
            "is missing. ODOO_SRC must be the folder that holds odoo-bin, odoo/ and addons/."
        )
    check_version(version, f"ODOO_SRC={src}")
    return OdooSource(root, version, "ODOO_SRC")


_PROBE = (
    "import os, odoo.release as r, odoo; "
    "print(r.version_info[0], r.version_info[1]); "
    "print(os.path.dirname(list(odoo.__path__)[0]))"
)


def odoo_from_python(python: str = "python3", run=subprocess.run) -> OdooSource | None:
    """The Odoo importable by ``python``, or None when it has none."""
    try:
        proc = run([python, "-c", _PROBE], capture_output=True, text=True, cwd="/", check=False)
    except FileNotFoundError:
        return None
    if proc.returncode != 0:
        return None
    lines = proc.stdout.strip().splitlines()
    if len(lines) < 2:
        return None
    major, minor = (int(x) for x in lines[0].split())
    check_version((major, minor), f"The odoo importable by {python}")
    return OdooSource(Path(lines[1]), (major, minor), "python3")


def download_odoo(url: str = ODOO_RELEASE_URL, dest: Path = DOWNLOAD_DIR, opener=None) -> OdooSource:
    """Download and unpack Odoo's 19.0 source release into ``dest``."""
    existing = _unpacked_release(dest)
    if existing:
        return existing
    opener = opener or urllib.request.urlopen
    dest.mkdir(parents=True, exist_ok=True)
    print(f"Downloading Odoo {REQUIRED_MAJOR}.0 source release from {url} ...", flush=True)
    try:
        with opener(url, timeout=60) as response, tempfile.TemporaryFile() as tmp:
            shutil.copyfileobj(response, tmp)
            tmp.seek(0)
            with tarfile.open(fileobj=tmp, mode="r:*") as tar:
                tar.extractall(dest, filter="data")
    except (OSError, tarfile.TarError) as exc:
        raise SetupError(
            f"No Odoo {REQUIRED_MAJOR}.0 found: ODOO_SRC is not set, python3 cannot import odoo, "
            f"and downloading {url} failed ({exc}). Either set ODOO_SRC to an Odoo 19.0 source "
            "tree (the folder with odoo-bin), install Odoo 19.0 for python3, or allow the download."
        ) from exc
    found = _unpacked_release(dest)
    if not found:
        raise SetupError(f"The archive from {url} holds no Odoo source tree (no odoo/release.py).")
    return found


def _unpacked_release(dest: Path) -> OdooSource | None:
    if not dest.is_dir():
        return None
    for candidate in sorted(dest.iterdir()):
        version = read_release_version(candidate)
        if version:
            check_version(version, f"The downloaded release in {candidate}")
            return OdooSource(candidate, version, "download")
    return None


def find_odoo(environ=None, python: str = "python3", run=subprocess.run, download=download_odoo) -> OdooSource:
    """Odoo 19 from ODOO_SRC, else python3's, else the official download."""
    environ = os.environ if environ is None else environ
    return odoo_from_env(environ) or odoo_from_python(python, run=run) or download()


# ---------------------------------------------------------------------------
# PostgreSQL
# ---------------------------------------------------------------------------


def postgres_answers(run=subprocess.run) -> bool:
    if not shutil.which("pg_isready"):
        return _psql_answers(run)
    proc = run(["pg_isready", "-q"], capture_output=True, check=False)
    return proc.returncode == 0


def _psql_answers(run) -> bool:
    if not shutil.which("psql"):
        return False
    proc = run(["psql", "-d", "postgres", "-Atc", "select 1"], capture_output=True, check=False)
    return proc.returncode == 0


POSTGRES_HELP = (
    "PostgreSQL does not answer on the local socket. Start it (Debian/Ubuntu: "
    "`pg_ctlcluster <version> main start`, or `sudo systemctl start postgresql`), or install it "
    "(`sudo apt-get install postgresql libpq-dev`), then create a role for your user: "
    "`sudo -u postgres createuser --superuser $USER`. Then run `make setup` again."
)


def ensure_postgres(run=subprocess.run, is_root: bool | None = None) -> None:
    if postgres_answers(run):
        return
    is_root = (os.geteuid() == 0) if is_root is None else is_root
    if shutil.which("pg_ctlcluster") and Path("/etc/postgresql").is_dir():
        for version in sorted(os.listdir("/etc/postgresql")):
            run(["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start"], check=False)
    elif is_root and shutil.which("apt-get"):
        print("PostgreSQL is not installed: installing it with apt-get ...", flush=True)
        run(["apt-get", "update"], check=False)
        run(["apt-get", "install", "-y", "postgresql", "libpq-dev"], check=False)
        for version in sorted(os.listdir("/etc/postgresql")) if Path("/etc/postgresql").is_dir() else []:
            run(["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start"], check=False)
    if not postgres_answers(run):
        raise SetupError(POSTGRES_HELP)


def db_user() -> str:
    """Odoo refuses the ``postgres`` role: use the login user's role."""
    user = os.environ.get("PGUSER") or os.environ.get("USER") or _whoami()
    if user == "postgres":
        raise SetupError("Odoo refuses to run as the PostgreSQL superuser 'postgres': run as another user.")
    return user


def _whoami() -> str:
    return pwd.getpwuid(os.geteuid()).pw_name


def ensure_db_role(user: str, run=subprocess.run) -> None:
    check = run(["psql", "-d", "postgres", "-Atc", "select 1"], capture_output=True, check=False)
    if check.returncode == 0:
        return
    # The role is missing: create it as the postgres superuser when we may.
    create = run(
        ["psql", "-U", "postgres", "-d", "postgres", "-c", f'CREATE ROLE "{user}" LOGIN SUPERUSER'],
        capture_output=True,
        check=False,
    )
    if create.returncode != 0:
        raise SetupError(
            f"PostgreSQL has no role '{user}' and it could not be created: "
            f"run `sudo -u postgres createuser --superuser {user}`."
        )


# ---------------------------------------------------------------------------
# Python environment
# ---------------------------------------------------------------------------


def venv_python() -> Path:
    return VENV / "bin" / "python"


def adjusted_requirements(text: str, have_ldap: bool = True) -> str:
    """Odoo's requirements.txt adapted to current Pythons.

    * cbor2's old pin (5.4.2, for Python < 3.12) no longer builds: any newer cbor2 works;
    * python-ldap (only for ``auth_ldap``) is dropped when the LDAP/SASL headers are absent.
    """
    out = []
    for line in text.splitlines():
        name = re.split(r"[=<>!~;\s\[]", line.strip(), maxsplit=1)[0].lower()
        if name == "cbor2":
            line = re.sub(r"cbor2\s*==\s*5\.4\.\d+", "cbor2>=5.6", line)
        if name == "python-ldap" and not have_ldap:
            continue
        out.append(line)
    return "\n".join(out) + "\n"


def have_ldap_headers() -> bool:
    return Path("/usr/include/ldap.h").exists() and Path("/usr/include/sasl/sasl.h").exists()


def ensure_build_headers(run=subprocess.run) -> None:
    """psycopg2 builds against libpq: make sure pg_config is there."""
    if shutil.which("pg_config"):
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        run(["apt-get", "install", "-y", "libpq-dev"], check=False)
    if not shutil.which("pg_config"):
        raise SetupError("psycopg2 needs libpq's headers: install them (`sudo apt-get install libpq-dev`).")


def ensure_venv(odoo: OdooSource, run=subprocess.run) -> None:
    if not venv_python().exists():
        print("Creating .venv ...", flush=True)
        run([sys.executable, "-m", "venv", "--system-site-packages", str(VENV)], check=True)
    site = run(
        [str(venv_python()), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    (Path(site) / "smec-odoo-source.pth").write_text(f"{odoo.root}\n", encoding="utf-8")


def pip(*args: str, run=subprocess.run) -> None:
    run([str(venv_python()), "-m", "pip", "install", "--disable-pip-version-check", "-q", *args], check=True)


def install_python_packages(odoo: OdooSource, run=subprocess.run) -> None:
    requirements = odoo.root / "requirements.txt"
    if requirements.is_file():
        ensure_build_headers(run)
        adjusted = adjusted_requirements(requirements.read_text(encoding="utf-8"), have_ldap=have_ldap_headers())
        target = VENV / "odoo-requirements.txt"
        target.write_text(adjusted, encoding="utf-8")
        print("Installing Odoo's Python requirements ...", flush=True)
        pip("-r", str(target), run=run)
    requirements = addon_requirements()
    if requirements:
        print(f"Installing what the addons declare ({', '.join(requirements)}) ...", flush=True)
        pip(*requirements, run=run)
    print("Installing the test tools ...", flush=True)
    pip(*TEST_TOOLS, run=run)
    print("Installing OCA's queue_job (for smec_credit_collection_queue) ...", flush=True)
    pip(*OCA_ADDON_REQUIREMENTS, run=run)
    pip("--no-deps", *OCA_ADDONS, run=run)
    build_addon_wheels(run=run)


def addon_requirements() -> list[str]:
    """The Python packages the addons' manifests declare (external_dependencies),
    which Odoo refuses to install an addon without."""
    found = []
    for module in DEMO_MODULES:
        manifest = ast.literal_eval((REPO / module / "__manifest__.py").read_text(encoding="utf-8"))
        for name in manifest.get("external_dependencies", {}).get("python", []):
            if name not in found:
                found.append(name)
    return found


def build_addon_wheels(run=subprocess.run) -> None:
    """Check that each addon packages (its whool pyproject.toml) by building its
    wheel in a temporary directory. Odoo finds the addons through addons_path;
    they are not pip-installed: an editable install makes whool put a symlink to
    the addon inside the addon (build/__editable__), a loop that tools walking
    the addon (Odoo's own ``i18n export``) follow."""
    for module in DEMO_MODULES:
        stale = REPO / module / "build" / "__editable__"
        if stale.is_dir():  # left by an earlier set-up that installed them
            shutil.rmtree(stale.parent)
    python = str(venv_python())
    run(
        [python, "-m", "pip", "uninstall", "-y", "-q", *(f"odoo-addon-{m}" for m in DEMO_MODULES)],
        check=False,
        capture_output=True,
    )
    print("Building the addons' wheels (a packaging check) ...", flush=True)
    with tempfile.TemporaryDirectory() as out:
        # The addons depend on Odoo's own modules, which pip cannot see: --no-deps.
        run(
            [python, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", out]
            + [str(REPO / m) for m in DEMO_MODULES],
            check=True,
        )


def check_wkhtmltopdf(run=subprocess.run) -> str:
    if shutil.which("wkhtmltopdf"):
        return "ok"
    if os.geteuid() == 0 and shutil.which("apt-get"):
        run(["apt-get", "install", "-y", "wkhtmltopdf"], check=False)
        if shutil.which("wkhtmltopdf"):
            return "installed"
    print(
        "WARNING: wkhtmltopdf is missing, PDF reports will print as HTML. "
        "Install it with `sudo apt-get install wkhtmltopdf`.",
        flush=True,
    )
    return "missing"


def has_cjk_font(run=subprocess.run) -> bool:
    if not shutil.which("fc-list"):
        return False
    found = run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True, check=False)
    return bool((found.stdout or "").strip())


def check_cjk_font(run=subprocess.run) -> str:
    """Chinese letters and statements print as empty boxes without a CJK font,
    while their extracted text still looks right: install Noto CJK beside wkhtmltopdf."""
    if has_cjk_font(run):
        return "ok"
    if os.geteuid() == 0 and shutil.which("apt-get"):
        run(["apt-get", "install", "-y", "fonts-noto-cjk"], check=False)
        if has_cjk_font(run):
            return "installed"
    print(
        "WARNING: no CJK font: Chinese PDFs print as boxes and the collection letter test fails. "
        "Install it with `sudo apt-get install fonts-noto-cjk`.",
        flush=True,
    )
    return "missing"


CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def check_chromium(run=subprocess.run, which=shutil.which) -> str:
    """The browser tests need a Chrome or Chromium that Odoo's test runner finds;
    without one they are skipped, which `make test` counts as a failure."""
    if any(which(name) for name in CHROMIUM_NAMES):
        return "ok"
    if os.geteuid() == 0 and which("apt-get"):
        run(["apt-get", "install", "-y", "chromium"], check=False)
        if any(which(name) for name in CHROMIUM_NAMES):
            return "installed"
    print(
        "WARNING: Chromium is missing: the browser tests cannot run and `make test` will fail. "
        "Install it with `sudo apt-get install chromium`.",
        flush=True,
    )
    return "missing"


# ---------------------------------------------------------------------------
# Odoo configuration and databases
# ---------------------------------------------------------------------------


def config_text(odoo: OdooSource, user: str) -> str:
    addons = ",".join(str(p) for p in [*odoo.addons_dirs, REPO])
    return (
        "[options]\n"
        f"addons_path = {addons}\n"
        f"data_dir = {DATA_DIR}\n"
        f"db_user = {user}\n"
        "http_interface = 127.0.0.1\n"
        f"http_port = {HTTP_PORT}\n"
        "admin_passwd = admin\n"
        "list_db = True\n"
        "max_cron_threads = 0\n"
    )


def write_config(odoo: OdooSource, user: str) -> None:
    CONFIG.write_text(config_text(odoo, user), encoding="utf-8")


def odoo_cmd(*args: str) -> list[str]:
    return [str(venv_python()), "-m", "odoo", "server", "-c", str(CONFIG), *args]


def db_exists(name: str, run=subprocess.run) -> bool:
    proc = run(
        ["psql", "-d", "postgres", "-Atc", f"select 1 from pg_database where datname = '{name}'"],
        capture_output=True,
        text=True,
        check=False,
    )
    return proc.stdout.strip() == "1"


def modules_installed(name: str, run=subprocess.run, modules=MODULES) -> bool:
    names = ",".join(f"'{m}'" for m in modules)
    proc = run(
        [
            "psql",
            "-d",
            name,
            "-Atc",
            f"select count(*) from ir_module_module where state = 'installed' and name in ({names})",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    return proc.stdout.strip() == str(len(modules))


def addons_fingerprint() -> str:
    """A hash of the addons' files: the demo database is rebuilt when they change."""
    digest = hashlib.sha256(DEMO_LANGUAGE.encode())
    for module in DEMO_MODULES:
        for path in sorted((REPO / module).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(REPO)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def create_database(name: str, demo: bool, run=subprocess.run, stamp: Path | None = None, modules=MODULES) -> None:
    """Create ``name`` with the addons ``modules``; keep it when a stamp says it holds these addons' files."""
    fingerprint = addons_fingerprint() if stamp else None
    if (
        stamp
        and stamp.is_file()
        and stamp.read_text() == fingerprint
        and db_exists(name, run)
        and modules_installed(name, run, modules)
    ):
        print(f"Database {name} is up to date with the addons: kept.", flush=True)
        return
    run(["dropdb", "--if-exists", name], check=True)
    print(f"Creating database {name} {'with' if demo else 'without'} demo data ...", flush=True)
    args = ["-d", name, "-i", ",".join(modules), "--stop-after-init", "--log-level=warn"]
    if demo:
        # the demo's users work in Chinese (admin stays in English): the language loads before the addons
        args += ["--with-demo", f"--load-language={DEMO_LANGUAGE}"]
    else:
        args.append("--without-demo=True")
    run(odoo_cmd(*args), check=True)
    if stamp:
        stamp.parent.mkdir(parents=True, exist_ok=True)
        stamp.write_text(fingerprint)


# ---------------------------------------------------------------------------
# Commands
# ---------------------------------------------------------------------------


def cmd_setup(_args) -> None:
    odoo = find_odoo()
    print(f"Odoo {odoo.version[0]}.{odoo.version[1]} from {odoo.origin}: {odoo.root}", flush=True)
    ensure_venv(odoo)
    install_python_packages(odoo)
    ensure_postgres()
    user = db_user()
    ensure_db_role(user)
    print(f"wkhtmltopdf: {check_wkhtmltopdf()}", flush=True)
    print(f"CJK font: {check_cjk_font()}", flush=True)
    print(f"Chromium: {check_chromium()}", flush=True)
    write_config(odoo, user)
    # the demo's story (smec_credit_demo) goes into the demo database only
    create_database(DEMO_DB, demo=True, stamp=DATA_DIR / f"{DEMO_DB}.stamp", modules=DEMO_MODULES)
    print(f"Set-up done. `make run` serves {DEMO_DB}; `make test` runs the tests.", flush=True)


def cmd_testdb(_args) -> None:
    """A fresh test database with the three modules (no demo data)."""
    _require_setup()
    ensure_postgres()
    create_database(TEST_DB, demo=False, modules=MODULES + TEST_MODULES)


def alone_errors(output: str) -> list[str]:
    """The lines of an Odoo log that say something went wrong."""
    return [line for line in output.splitlines() if re.search(r" (ERROR|CRITICAL) ", line)]


def cmd_alone(_args) -> None:
    """Each add-on split from smec_credit installed alone, without demo data, in a database of its own: one
    database with smec_credit (and its dependencies) is made once and copied for each add-on (``createdb
    -T``), so that each install is the add-on's and its own dependencies' only, in about a minute."""
    _require_setup()
    ensure_postgres()
    base = f"{TEST_DB}_alone"
    run = subprocess.run
    run(["dropdb", "--if-exists", base], check=True)
    start = time.monotonic()
    print(f"Creating {base} with smec_credit only ...", flush=True)
    run(
        odoo_cmd("-d", base, "-i", "smec_credit", "--without-demo=True", "--stop-after-init", "--log-level=warn"),
        check=True,
    )
    print(f"  {time.monotonic() - start:.0f} s", flush=True)
    failed = []
    for module in SPLIT_MODULES:
        db = f"{base}_{module.removeprefix('smec_credit_')}"
        run(["dropdb", "--if-exists", db], check=True)
        run(["createdb", "-T", base, db], check=True)
        start = time.monotonic()
        proc = run(
            odoo_cmd("-d", db, "-i", module, "--without-demo=True", "--stop-after-init", "--log-level=warn"),
            capture_output=True,
            text=True,
            check=False,
        )
        installed = run(
            [
                "psql",
                "-d",
                db,
                "-Atc",
                "select string_agg(name, ',' order by name) from ir_module_module "
                "where state = 'installed' and name like 'smec%'",
            ],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
        errors = alone_errors(proc.stdout + proc.stderr)
        ok = proc.returncode == 0 and not errors and module in installed.split(",")
        print(
            f"{module}: {'installed' if ok else 'FAILED'} alone in {time.monotonic() - start:.0f} s "
            f"(smec add-ons installed: {installed})",
            flush=True,
        )
        if not ok:
            print("\n".join(errors) or proc.stderr[-3000:], file=sys.stderr)
            failed.append(module)
        run(["dropdb", "--if-exists", db], check=True)
    run(["dropdb", "--if-exists", base], check=True)
    if failed:
        raise SetupError(f"{', '.join(failed)} did not install alone (log above).")
    print(f"install-alone: {len(SPLIT_MODULES)} passed, 0 failed", flush=True)


def cmd_run(_args) -> None:
    _require_setup()
    ensure_postgres()
    print(f"Serving {DEMO_DB} on http://localhost:{HTTP_PORT} -- login: admin, password: admin", flush=True)
    os.execv(str(venv_python()), odoo_cmd("-d", DEMO_DB, "--db-filter", f"^{DEMO_DB}$"))


# Odoo's runner closes with "N failed, M error(s) of K tests when loading database ..."
_ODOO_RESULT = re.compile(r"(\d+) failed, (\d+) error\(s\) of (\d+) tests")


def odoo_runner_summary(output: str) -> tuple[int, int]:
    """(tests run, tests failed or in error) from the log of Odoo's own test
    runner; a run whose log has no result line counts as one failure."""
    found = _ODOO_RESULT.findall(output)
    if not found:
        return 0, 1
    failed, errors, total = (int(n) for n in found[-1])
    return total, failed + errors


def cmd_odootest(_args) -> None:
    """Every add-on's tests with Odoo's own runner, as OCA's CI runs them: a new
    database, the add-ons installed with ``--test-enable`` and their tags."""
    _require_setup()
    ensure_postgres()
    subprocess.run(["dropdb", "--if-exists", ODOO_TEST_DB], check=True)
    print(f"Installing the add-ons into {ODOO_TEST_DB} and running their tests with Odoo's runner ...", flush=True)
    tags = ",".join(f"/{m}" for m in MODULES + TEST_MODULES)
    proc = subprocess.run(
        odoo_cmd(
            "-d", ODOO_TEST_DB, "-i", ",".join(MODULES + TEST_MODULES), "--without-demo=True", "--test-enable",
            "--test-tags", tags, "--stop-after-init", "--log-level=test", f"--http-port={ODOO_TEST_PORT}",
        ),
        capture_output=True,
        text=True,
    )  # fmt: skip
    log = DATA_DIR / "odoo-runner.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    log.write_text(proc.stdout + proc.stderr)
    for line in (proc.stdout + proc.stderr).splitlines():
        if " ERROR " in line or " FAIL" in line or "odoo.tests.result" in line or "post-tests in" in line:
            print(line, flush=True)
    total, failed = odoo_runner_summary(proc.stdout + proc.stderr)
    print(f"odoo-runner: {total - failed} passed, {failed} failed  (log: {log})", flush=True)
    if proc.returncode or failed or not total:
        raise SetupError(f"Odoo's test runner: {failed} of {total} tests failed or the run did not finish.")


def suite_modules(extra: str = "", only: str = "") -> list[str]:
    """The Odoo modules whose suites run: CI's, and those ``extra`` names (comma-separated);
    ``only`` (comma-separated), when given, replaces CI's (a pass of one or two suites)."""
    modules = [n.strip() for n in only.split(",") if n.strip()] or list(ODOO_SUITES)
    for name in (n.strip() for n in extra.split(",")):
        if name and name not in modules:
            modules.append(name)
    return modules


def suites_test_tags(modules) -> str:
    """Post-install tests of ``modules`` only: at_install tests would run while
    the modules install, before the add-ons are there."""
    return ",".join(["-at_install", *(f"/{m}" for m in modules)])


# Odoo's runner names each test that fails: "ERROR: TestClass.test_name" or "FAIL: ..."
_ODOO_FAILED_TEST = re.compile(r"(?:ERROR|FAIL): (\w+\.\w+)")


def odoo_failed_tests(output: str) -> list[str]:
    """Class.test of each test Odoo's runner reports failed or in error, in order, once."""
    return list(dict.fromkeys(_ODOO_FAILED_TEST.findall(output)))


# the company goes live as a Credit Manager's Go Live step takes it (SMEC_SUITES_LIVE=1); Odoo's
# test classes on accounting make their own company ("company_1_data"), live from its creation
# through the defaults of what going live sets: the live date and Odoo's credit-limit switch
_GO_LIVE_SCRIPT = (
    "company = env.ref('base.main_company')\n"
    "company._smec_go_live()\n"
    "env['ir.default'].set('res.company', 'smec_credit_live_date', str(company.smec_credit_live_date))\n"
    "env['ir.default'].set('res.company', 'account_use_credit_limit', True)\n"
    "env.cr.commit()\n"
)


def cmd_suites(_args) -> None:
    """Odoo's own post-install suites of ``ODOO_SUITES`` (and ``SMEC_SUITES_EXTRA``)
    on a new database where they are installed beside the seven add-ons, the
    company not live; fails on any test that fails. ``SMEC_SUITES_ONLY=sale,sale_stock``
    runs those suites instead of CI's. ``SMEC_SUITES_WITHOUT_ADDONS=1``
    runs them without the add-ons (to compare), ``SMEC_SUITES_LIVE=1`` with the
    company live (the second pass, where a test may fail only because an order
    was held: docs/odoo-suites.md)."""
    _require_setup()
    ensure_postgres()
    modules = suite_modules(os.environ.get("SMEC_SUITES_EXTRA", ""), os.environ.get("SMEC_SUITES_ONLY", ""))
    with_addons = os.environ.get("SMEC_SUITES_WITHOUT_ADDONS", "") in ("", "0")
    live = with_addons and os.environ.get("SMEC_SUITES_LIVE", "") not in ("", "0")
    install = modules + (list(MODULES) if with_addons else [])
    subprocess.run(["dropdb", "--if-exists", SUITES_DB], check=True)
    log = DATA_DIR / f"{SUITES_DB}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    print(f"Installing {', '.join(install)} into {SUITES_DB} ...", flush=True)
    # without demo data: the add-ons' demo takes its company live
    steps = [
        ("install", odoo_cmd("-d", SUITES_DB, "-i", ",".join(install), "--without-demo=True", "--stop-after-init",
                             "--log-level=warn", f"--http-port={ODOO_TEST_PORT}"), None),
    ]  # fmt: skip
    if live:
        steps.append(("go live", [*odoo_cmd()[:3], "shell", "-c", str(CONFIG), "-d", SUITES_DB], _GO_LIVE_SCRIPT))
    tags = suites_test_tags(modules)
    steps.append(
        ("tests", odoo_cmd("-d", SUITES_DB, "--test-tags", tags, "--stop-after-init", "--log-level=test",
                           f"--http-port={ODOO_TEST_PORT}"), None),
    )  # fmt: skip
    # the log is written as the run goes (``tail -f`` it); the tests' part is read back
    with log.open("w") as out:
        for name, cmd, stdin in steps:
            print(f"{name}: {' '.join(cmd[3:])}", flush=True)
            start = log.stat().st_size
            proc = subprocess.run(cmd, input=stdin, stdout=out, stderr=subprocess.STDOUT, text=True)
            out.flush()
            if proc.returncode and name != "tests":
                raise SetupError(f"{name} of {SUITES_DB} failed (exit {proc.returncode}): see {log}.")
    with log.open() as read:
        read.seek(start)
        output = read.read()
    total, failed = odoo_runner_summary(output)
    for name in odoo_failed_tests(output):
        print(f"  failed: {name}", flush=True)
    state = "live" if live else "not live"
    print(
        f"Odoo's suites ({', '.join(modules)}) {'with' if with_addons else 'without'} the add-ons, "
        f"company {state}: {total - failed} passed, {failed} failed  (log: {log})",
        flush=True,
    )
    if proc.returncode or failed or not total:
        raise SetupError(f"Odoo's own suites: {failed} of {total} tests failed or the run did not finish.")


def _require_setup() -> None:
    if not venv_python().exists() or not CONFIG.exists():
        raise SetupError("Run `make setup` first: .venv or .odoo.conf is missing.")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("setup").set_defaults(func=cmd_setup)
    sub.add_parser("testdb").set_defaults(func=cmd_testdb)
    sub.add_parser("run").set_defaults(func=cmd_run)
    sub.add_parser("odootest").set_defaults(func=cmd_odootest)
    sub.add_parser("suites").set_defaults(func=cmd_suites)
    sub.add_parser("alone").set_defaults(func=cmd_alone)
    args = parser.parse_args(argv)
    try:
        args.func(args)
    except SetupError as exc:
        print(f"\nSET-UP FAILED: {exc}", file=sys.stderr)
        return 2
    except subprocess.CalledProcessError as exc:
        print(f"\nSET-UP FAILED: `{' '.join(map(str, exc.cmd))}` exited with {exc.returncode}.", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
