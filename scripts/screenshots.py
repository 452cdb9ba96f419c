"""Screenshots of the demo database for the guides in ``docs/`` (``make screenshots``).

Serves the demo database that ``make setup`` builds, logs in as each role's
demo user (they work in Chinese), opens the pages the guides describe in
headless Chromium and saves them under ``docs/screenshots/``. Exits non-zero,
listing them, when a page shows an error (an error dialog, an uncaught
JavaScript exception, an error in the console), never finishes loading, lacks
what its guide says it shows (``EXPECT``: the names and figures of the demo) or
cuts a list's columns at the screen's edge or a form's lines at the form's: CI runs it, so a screen that
breaks or reads wrong breaks the build.

A CJK font must be installed (``make setup`` installs Debian's fonts-noto-cjk):
without one, every Chinese character is a box. The script refuses to run then.
"""

import base64
import json
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests
import websocket

sys.path.insert(0, str(Path(__file__).resolve().parent))
import smec_setup

OUT = smec_setup.REPO / "docs" / "screenshots"
WIDTH, HEIGHT = 1440, 900
LOAD_TIMEOUT = 90  # seconds: the first page compiles the assets

# the demo users of each role (password = login)
ROLES = [
    "sales",
    "credit",
    "accountant",
    "collector",
    "collection_manager",
    "warehouse",
    "trainer",
    "examiner",
    "instructor",
    "trainee",
]

# Records the pages open, found as admin: (model, domain, order)
RECORDS = {
    "held_order": ("sale.order", [("smec_approval_ids.state", "=", "requested")], "id"),
    "waiting_approval": ("smec.credit.approval", [("state", "=", "requested")], "id"),
    "grade_a_customer": ("res.partner", [("smec_grade_id.code", "=", "A"), ("smec_assessment_id", "!=", False)], "id"),
    "flagged_customer": ("res.partner", [("smec_risk_flag_ids.blocking", "=", True)], "id desc"),
    "provision_run": ("smec.credit.provision.run", [("state", "=", "posted")], "id"),
    "platform_statement": ("smec.credit.platform.statement", [("state", "=", "reconciled")], "id"),
    "collection_run": ("smec.collection.run", [], "id desc"),
    "training_class": ("smec.training.class", [("lesson_ids", "!=", False)], "id"),
    "complete_enrolment": ("smec.training.enrolment", [("state", "=", "complete")], "id"),
    "marking_result": ("smec.training.result", [("state", "=", "draft"), ("submission_ids", "!=", False)], "id"),
    "attended_lesson": (
        "smec.training.lesson",
        [("attendance_ids", "!=", False), ("instructor_id.partner_id.user_ids.login", "=", "instructor")],
        "id",
    ),
    # the wholesaler's customer scorecard reviewed on the demo's day (smec_credit_review)
    "scorecard_review": ("smec.credit.review", [("state", "=", "done")], "id desc"),
    # the delivery held for credit (smec_credit_stock, #34): the customer 100 days overdue's second delivery, and
    # the release of its first
    "held_delivery": ("stock.picking", [("smec_credit_held", "=", True), ("picking_type_code", "=", "outgoing")], "id"),
    "delivery_release": ("smec.credit.delivery.release", [("state", "=", "released")], "id"),
    # the small enterprise's write-off under Art. 10: its company is switched on beside the main one
    "writeoff": ("smec.credit.writeoff", [("state", "=", "posted")], "id"),
    # the collectors' worklist of the demo's day (smec_credit_worklist, #36): the first customer of 马超's list, the
    # first of those no collector follows up, and the Cash-in Forecast dashboard (smec_credit_forecast_dashboard)
    "worklist_first": (
        "smec.credit.worklist",
        [("user_id.login", "=", "collector"), ("done", "=", False), ("attempts", "=", 0)],
        "date desc, score desc, id",
    ),
    "worklist_unassigned": (
        "smec.credit.worklist",
        [("user_id", "=", False), ("partner_id.name", "=like", "东莞长安建材商行%")],
        "date desc, id",
    ),
    "forecast_dashboard": ("spreadsheet.dashboard", [("name", "=", "Cash-in Forecast")], "id"),
    "credit_dashboard": ("spreadsheet.dashboard", [("name", "=", "Credit"), ("sequence", "=", 10)], "id"),
}

CREDIT_TAB = ("a.nav-link[name=smec_credit]", ".o_form_view")
# (role, file name, address, CSS selector that shows the page is ready, steps: (selector to click, then wait for))
PAGES = [
    ("sales", "sales-1-quotations", "/odoo/action-sale.action_quotations_with_onboarding", ".o_list_renderer", ()),
    ("sales", "sales-2-held-quotation", "/odoo/action-sale.action_quotations_with_onboarding/{held_order}",
     ".o_form_view", ()),
    ("credit", "credit-1-approvals", "/odoo/action-smec_credit.smec_credit_approval_action", ".o_list_renderer", ()),
    ("credit", "credit-2-approval", "/odoo/action-smec_credit.smec_credit_approval_action/{waiting_approval}",
     ".o_form_view", ()),
    ("credit", "credit-3-exposure", "/odoo/action-smec_credit.smec_credit_exposure_report_action", ".o_list_renderer",
     ()),
    ("credit", "credit-4-customers-by-grade", "/odoo/action-smec_credit.res_partner_action_credit_customers",
     ".o_view_controller", ()),
    ("credit", "credit-5-customer", "/odoo/action-smec_credit.res_partner_action_credit_customers/{grade_a_customer}",
     ".o_form_view", (CREDIT_TAB,)),
    ("credit", "credit-6-blocking-flag",
     "/odoo/action-smec_credit.res_partner_action_credit_customers/{flagged_customer}", ".o_form_view",
     (CREDIT_TAB, ("a.nav-link[name=smec_flags]", ".o_form_view"))),
    ("credit", "credit-7-review-proposals", "/odoo/action-smec_credit.smec_credit_proposal_action", ".o_list_renderer",
     ()),
    ("credit", "credit-8-kpis", "/odoo/action-smec_credit_receivable.smec_credit_kpi_snapshot_action",
     ".o_view_controller", ()),
    ("credit", "credit-9-scorecard-review",
     "/odoo/action-smec_credit_review.smec_credit_review_action/{scorecard_review}", ".o_form_view", ()),
    ("credit", "credit-10-review-scores",
     "/odoo/action-smec_credit_review.smec_credit_review_action/{scorecard_review}", ".o_form_view",
     (("button[name=action_open_score_chart]", ".o_graph_renderer"),)),
    ("credit", "credit-11-delivery-release",
     "/odoo/action-smec_credit_stock.smec_credit_delivery_release_action/{delivery_release}", ".o_form_view", ()),
    ("accountant", "accountant-1-aging-as-of", "/odoo/action-smec_credit_receivable.smec_credit_aging_wizard_action",
     ".o_form_view", (("button[name=action_open]", ".o_list_renderer"),)),
    ("accountant", "accountant-2-provision",
     "/odoo/action-smec_credit_receivable.smec_credit_provision_run_action/{provision_run}", ".o_form_view", ()),
    ("accountant", "accountant-3-payments-to-review", "/odoo/action-smec_credit.account_payment_action_review",
     ".o_view_controller", ()),
    ("accountant", "accountant-4-platform-settlement",
     "/odoo/action-smec_credit_platform.smec_credit_platform_statement_action/{platform_statement}",
     ".o_form_view", ()),
    ("accountant", "accountant-5-write-off",
     "/odoo/action-smec_credit_receivable.smec_credit_writeoff_action/{writeoff}", ".o_form_view", ()),
    ("collector", "collector-1-run", "/odoo/action-smec_credit_collection.smec_collection_run_action/{collection_run}",
     ".o_form_view", ()),
    ("collector", "collector-2-contacts", "/odoo/action-smec_credit_collection.smec_collection_contact_action",
     ".o_view_controller", ()),
    ("collector", "collector-3-promises", "/odoo/action-smec_credit_collection.smec_collection_promise_action",
     ".o_view_controller", ()),
    ("collector", "collector-4-worklist", "/odoo/action-smec_credit_worklist.smec_credit_worklist_action_open",
     ".o_list_renderer", ()),
    ("collection_manager", "manager-3-worklists",
     "/odoo/action-smec_credit_worklist.smec_credit_worklist_action_open", ".o_list_renderer", ()),
    ("credit", "credit-12-forecast-dashboard", "/odoo/dashboards?dashboard_id={forecast_dashboard}",
     ".o_spreadsheet_dashboard_action .o-grid", ()),
    ("credit", "credit-13-credit-dashboard", "/odoo/dashboards?dashboard_id={credit_dashboard}",
     ".o_spreadsheet_dashboard_action .o-grid", ()),
    ("collection_manager", "manager-1-queue",
     "/odoo/action-smec_credit_collection.smec_collection_contact_action_waiting", ".o_list_renderer", ()),
    ("collection_manager", "manager-2-results", "/odoo/action-smec_credit_collection.smec_collection_result_action",
     ".o_view_controller", ()),
    ("warehouse", "warehouse-1-held-delivery", "/odoo/action-smec_credit_stock.smec_credit_held_delivery_action",
     ".o_list_renderer", ()),
    ("warehouse", "warehouse-2-held-delivery-banner",
     "/odoo/action-smec_credit_stock.smec_credit_held_delivery_action/{held_delivery}", ".o_form_view", ()),
    ("trainer", "trainer-1-class", "/odoo/action-smec_credit_training.smec_training_class_action/{training_class}",
     ".o_form_view", ()),
    ("trainer", "trainer-2-enrolments", "/odoo/action-smec_credit_training.smec_training_enrolment_action",
     ".o_view_controller", ()),
    ("trainer", "trainer-3-enrolment",
     "/odoo/action-smec_credit_training.smec_training_enrolment_action/{complete_enrolment}", ".o_form_view", ()),
    ("instructor", "instructor-1-attendance",
     "/odoo/action-smec_credit_training.smec_training_lesson_action/{attended_lesson}", ".o_form_view", ()),
    ("examiner", "examiner-1-result", "/odoo/action-smec_credit_training.smec_training_result_action/{marking_result}",
     ".o_form_view", ()),
    ("trainee", "trainee-1-my-training", "/my/training", ".o_smec_enrolment", ()),
]  # fmt: skip

# What each page must show, as its guide says it does (docs/<role>.md; tests/test_guides.py asserts the same facts
# on the database): texts read in the page as rendered (the reader's language, the demo's figures). A page that
# loads without an error but shows something else fails `make screenshots`. {record} is that record's name as
# admin reads it.
EXPECT = {
    "sales-1-quotations": ["{held_order}", "惠州恒通管业有限公司 (Huizhou Hengtong Pipes)", "已申请", "已批准"],
    "sales-2-held-quotation": ["信用冻结。此订单暂不能确认", "超出额度 ¥ 30,000.00 共 ¥ 20,850.00", "已申请信用审批"],
    "credit-1-approvals": [
        "{waiting_approval}", "惠州恒通管业有限公司 (Huizhou Hengtong Pipes)", "¥ 50,850.00", "已申请",
    ],
    "credit-2-approval": ["批准", "驳回", "超出额度 ¥ 30,000.00 共 ¥ 20,850.00", "新楼盘的大额瓷砖订单"],
    "credit-3-exposure": [
        "湛江南海装饰材料有限公司 (Zhanjiang Nanhai Decor)", "信用敞口 ¥ 75,936.00 超出额度 ¥ 16,000.00",
        "超过 90 天即冻结", "东莞长安建材商行 (Dongguan Chang'an Building Supplies)",
    ],
    "credit-4-customers-by-grade": ["A - 优秀 (4)", "B - 良好 (6)", "C - 关注 (4)", "D - 仅限现款 (9)"],
    "credit-5-customer": ["{grade_a_customer}", "A - 优秀", "95.50", "¥ 144,000.00", "次月月底", "¥ 203,400.00"],
    "credit-6-blocking-flag": ["{flagged_customer}", "该客户有生效中的阻断性风险标记", "D - 仅限现款", "失信被执行人"],
    "credit-7-review-proposals": [
        "茂名石化配套工程有限公司 (Maoming Petrochem Services)", "¥ 20,900.00", "按时付款", "占额度", "月度复核",
    ],
    "credit-8-kpis": ["信用指标"],
    "credit-11-delivery-release": [
        "{delivery_release}", "东莞长安建材商行 (Dongguan Chang'an Building Supplies)", "工地急需", "放行本次发货一次",
        "¥ 6,780.00",
    ],
    "warehouse-1-held-delivery": ["{held_delivery}", "东莞长安建材商行 (Dongguan Chang'an Building Supplies)"],
    "warehouse-2-held-delivery-banner": [
        "{held_delivery}", "此发货不能验证", "逾期超过 90 天即暂停发货", "逾期合计 ¥ 13,560.00",
        "申请信用放行",
    ],
    "credit-10-review-scores": ["{scorecard_review}", "当前评级客户的得分", "当前与之前的客群"],
    "credit-9-scorecard-review": ["{scorecard_review}", "无法判断等级对付款的预测能力", "无建议"],
    "accountant-1-aging-as-of": [
        "东莞长安建材商行 (Dongguan Chang'an Building Supplies) (1)", "¥ 13,560.00",
        "佛山华美陶瓷有限公司 (Foshan Huamei Ceramics) (1)", "¥ 203,400.00", "91-180", "超过 180 天", "合计",
        "¥ 892,125.50",
    ],
    "accountant-2-provision": ["{provision_run}", "已过账", "{provision_required}", "应计提金额"],
    "accountant-3-payments-to-review": [
        "Huaxin Building Materials Co., Ltd.", "老板个人银行卡", "¥ 1,000.00", "待审核",
    ],
    # the short row: its days late (5), the amount short and its status in view; its message opens with the row
    "accountant-4-platform-settlement": ["{platform_statement}", "¥ 1,880.80", "{platform_short_status}", "¥ 50.00"],
    "accountant-5-write-off": [
        "{writeoff}", "顺德小微五金商行 (Shunde Small Hardware)", "小企业会计准则", "直接核销", "¥ 6,000.00",
        "注销登记通知书",
    ],
    "collector-1-run": ["{collection_run}", "待经理确认", "电话任务", "信函", "电子邮件"],
    "collector-2-contacts": ["Dongfang Ceramics Trading", "电话任务", "马超 (Ma Chao, collector)"],
    "collector-3-promises": ["Dongfang Ceramics Trading", "¥ 5,200.00", "处理中"],
    "manager-1-queue": [
        "Yongsheng Decoration Co., Ltd.", "Ruixiang Tiles Co., Ltd.", "暂停接单", "发送", "暂缓", "放弃", "¥ 33,800.00",
    ],
    "manager-2-results": ["马超 (Ma Chao, collector)", "正式催款函", "{results_chased}"],
    "trainer-1-class": ["{training_class}", "赵磊 (Zhao Lei)", "王芳 (Wang Fang)", "合格"],
    "trainer-2-enrolments": [
        "郑辉 (Zheng Hui)", "身份证复印件, 两寸彩色照片 2 张, 学历或工作证明, 签字确认的报名表",
        "刘洋 (Liu Yang)", "已发证",
    ],
    "trainer-3-enrolment": [
        "{complete_enrolment}", "资料齐全", "id-card.pdf", "photo-1.jpg", "photo-2.jpg", "work-certificate.pdf",
        "registration-form.pdf",
    ],
    "instructor-1-attendance": [
        "{attended_lesson}", "王芳 (Wang Fang)", "赵磊 (Zhao Lei)", "林静 (Lin Jing, credit bureau analyst)",
    ],
    "examiner-1-result": [
        "{marking_result}", "评分中", "collection-plan.pdf", "receivables-tracking.pdf", "credit-assessment-report.pdf",
    ],
    # the worklist: the call worth most first, its reason and figure; the manager sees both collectors' lists
    "collector-4-worklist": ["{worklist_first}", "{worklist_first_score}", "{worklist_first_action}", "无人接听"],
    "manager-3-worklists": [
        "{worklist_first}", "马超 (Ma Chao, collector)", "{worklist_unassigned}", "重新生成今日清单",
    ],
    "credit-12-forecast-dashboard": ["现金回款预测", "信用管理"],
    "credit-13-credit-dashboard": ["信用", "现金回款预测", "信用管理"],
    "trainee-1-my-training": ["我的培训", "信用管理师·上海·秋季班 (Credit Manager, Shanghai, autumn)", "合格"],
}  # fmt: skip

# what a page shows when it went wrong
ERROR_SELECTOR = ".o_error_dialog, .o_notification.border-danger, .o_notification_bar.bg-danger"
READY_JS = """(() => {{
    if (document.querySelector({error})) return "error";
    const ready = document.querySelector({ready});
    const busy = document.querySelector(".o_loading_indicator, .o_blockUI, .o_view_nocontent_loading");
    return ready && !busy && document.readyState === "complete" ? "ready" : "wait";
}})()"""

# the page's text and its lists' columns cut at the list's right edge (a list wider than the screen or than the
# form it is in scrolls: what runs past its edge is out of view)
SHOWN_JS = """(() => ({
    text: document.body.innerText,
    cut: [...document.querySelectorAll(".o_list_renderer")]
        .filter(list => list.scrollWidth > list.clientWidth + 1)
        .map(list => ({
            list: list.closest(".o_field_x2many")?.closest(".o_field_widget[name]")?.getAttribute("name") || "",
            columns: [...list.querySelectorAll("thead th")]
                .filter(th => th.getBoundingClientRect().right > list.getBoundingClientRect().right + 1)
                .map(th => th.innerText.trim() || "(unnamed)"),
        })),
}))()"""


def no_memory_limit():
    """Chromium's address space is not limited: a process serving Odoo (``make test``'s, with --odoo-http) has its
    limit_memory_hard as its own, which Chromium inherits and dies of at start (as Odoo's own test browser, lift
    it)."""
    resource.setrlimit(resource.RLIMIT_AS, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_http(url: str, timeout: float) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            if requests.get(url, timeout=5).ok:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise SystemExit(f"{url} did not answer within {timeout:.0f} s")


class Odoo:
    """The demo database served on a free port, for the time of the screenshots."""

    def __init__(self):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.uids = {}
        self.log = tempfile.NamedTemporaryFile(prefix="smec-screenshots-", suffix=".log", delete=False)
        cmd = smec_setup.odoo_cmd(
            "-d", smec_setup.DEMO_DB, "--db-filter", f"^{smec_setup.DEMO_DB}$", "--http-port", str(self.port),
            "--workers=0", "--max-cron-threads=0", "--log-level=warn",
        )  # fmt: skip
        self.proc = subprocess.Popen(cmd, stdout=self.log, stderr=subprocess.STDOUT, cwd=smec_setup.REPO)
        wait_http(f"{self.url}/web/health", 120)

    def session(self, login: str, password: str) -> str:
        response = requests.post(
            f"{self.url}/web/session/authenticate",
            json={"jsonrpc": "2.0", "params": {"db": smec_setup.DEMO_DB, "login": login, "password": password}},
            timeout=60,
        )
        body = response.json()
        if body.get("error") or "session_id" not in response.cookies:
            raise SystemExit(f"cannot log in as {login}: {body.get('error')}")
        self.uids[response.cookies["session_id"]] = body["result"]["uid"]
        return response.cookies["session_id"]

    def call(self, session: str, model: str, method: str, args: list, kwargs: dict):
        response = requests.post(
            f"{self.url}/web/dataset/call_kw/{model}/{method}",
            json={"jsonrpc": "2.0", "params": {"model": model, "method": method, "args": args, "kwargs": kwargs}},
            cookies={"session_id": session},
            timeout=60,
        )
        body = response.json()
        if body.get("error"):
            raise SystemExit(f"{model}.{method}: {body['error']['data']['message']}")
        return body["result"]

    def find(self, session: str, model: str, domain: list, order: str) -> int | None:
        """The first record of ``model`` in ``domain``, in every company."""
        context = {"active_test": False, "allowed_company_ids": self.companies(session)}
        found = self.call(session, model, "search", [domain], {"limit": 1, "order": order, "context": context})
        return (found or [None])[0]

    def name(self, session: str, model: str, res_id: int) -> str:
        """The record's title as the demo users read it (in Chinese)."""
        context = {"active_test": False, "allowed_company_ids": self.companies(session), "lang": "zh_CN"}
        return self.call(session, model, "read", [[res_id], ["display_name"]], {"context": context})[0]["display_name"]

    def figures(self, session: str, ids: dict) -> dict:
        """The figures of the demo's day that the pages must show, read from the database as another path than
        the page's (the demo's dates count from the day it was built, so a month-end provision, the results of
        the runs and a platform row's lateness change with that day; a page showing another figure fails)."""
        context = {"active_test": False, "allowed_company_ids": self.companies(session), "lang": "zh_CN"}
        run = self.call(
            session,
            "smec.credit.provision.run",
            "read",
            [[ids["provision_run"]], ["required_amount", "company_id"]],
            {"context": context},
        )[0]
        company = self.call(session, "res.company", "read", [[run["company_id"][0]], ["currency_id"]], {})[0]
        # the results as the Collection Manager's page totals them (the companies that user sees)
        manager = self.session("collection_manager", "collection_manager")
        chased = self.call(
            manager,
            "smec.collection.result",
            "formatted_read_group",
            [[], [], ["amount_dunned_company:sum"]],
            {"context": {"allowed_company_ids": self.companies(manager)}},
        )[0]["amount_dunned_company:sum"]
        lines = self.call(
            session,
            "smec.credit.platform.statement.line",
            "search_read",
            [[("statement_id", "=", ids["platform_statement"]), ("short_amount", ">", 0)], ["status"]],
            {"order": "short_amount desc", "limit": 1, "context": context},
        )
        labels = dict(
            self.call(
                session,
                "smec.credit.platform.statement.line",
                "fields_get",
                [["status"]],
                {"attributes": ["selection"], "context": context},
            )["status"]["selection"]
        )
        return {
            "provision_required": self.money(session, run["required_amount"], company["currency_id"][0]),
            "results_chased": self.money(session, chased, company["currency_id"][0]),
            "platform_short_status": labels[lines[0]["status"]] if lines else "(no short row)",
        }

    def worklist_figures(self, session: str, ids: dict) -> dict:
        """What the first row of 马超's worklist shows: its worth and its next action, read as he reads them."""
        collector = self.session("collector", "collector")
        row = self.call(
            collector,
            "smec.credit.worklist",
            "read",
            [[ids["worklist_first"]], ["score", "next_action", "currency_id"]],
            {"context": {"lang": "zh_CN", "allowed_company_ids": self.companies(collector)}},
        )[0]
        return {
            "worklist_first_score": self.money(session, row["score"], row["currency_id"][0]),
            "worklist_first_action": row["next_action"],
        }

    def money(self, session: str, amount: float, currency_id: int) -> str:
        """An amount as the web client's monetary widget writes it in the demo users' language ("$ 1,234.50")."""
        currency = self.call(session, "res.currency", "read", [[currency_id], ["symbol", "position"]], {})[0]
        figure = f"{amount:,.2f}"
        return f"{figure} {currency['symbol']}" if currency["position"] == "after" else f"{currency['symbol']} {figure}"

    def companies(self, session: str) -> list[int]:
        """The companies of the session's user, its main company first."""
        rows = self.call(session, "res.users", "read", [[self.uids[session]], ["company_id", "company_ids"]], {})[0]
        return [rows["company_id"][0]] + [c for c in rows["company_ids"] if c != rows["company_id"][0]]

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.proc.kill()


class Chromium:
    """Headless Chromium driven through its DevTools protocol."""

    def __init__(self):
        binary = next(filter(None, map(shutil.which, smec_setup.CHROMIUM_NAMES)), None)
        if not binary:
            raise SystemExit("Chromium is missing: install it with `sudo apt-get install chromium`.")
        self.profile = tempfile.mkdtemp(prefix="smec-chromium-")
        port = free_port()
        self.proc = subprocess.Popen(
            [
                binary, "--headless=new", f"--remote-debugging-port={port}", f"--user-data-dir={self.profile}",
                "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars", "--lang=zh-CN",
                f"--window-size={WIDTH},{HEIGHT}", "--force-device-scale-factor=1", "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=no_memory_limit,
        )  # fmt: skip
        wait_http(f"http://127.0.0.1:{port}/json/version", 30)
        page = next(t for t in requests.get(f"http://127.0.0.1:{port}/json", timeout=10).json() if t["type"] == "page")
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=LOAD_TIMEOUT, suppress_origin=True)
        self.next_id = 0
        self.problems = []
        for domain in ("Page", "Runtime", "Network"):
            self.call(f"{domain}.enable")
        self.call("Emulation.setDeviceMetricsOverride", width=WIDTH, height=HEIGHT, deviceScaleFactor=1, mobile=False)

    def call(self, method: str, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self._event(message)

    def _event(self, message):
        method, params = message.get("method"), message.get("params", {})
        if method == "Runtime.exceptionThrown":
            details = params["exceptionDetails"]
            self.problems.append(details.get("exception", {}).get("description") or details.get("text"))
        elif method == "Runtime.consoleAPICalled" and params.get("type") == "error":
            self.problems.append(" ".join(str(arg.get("value", arg.get("description", ""))) for arg in params["args"]))

    def evaluate(self, expression: str):
        return self.call("Runtime.evaluate", expression=expression, returnByValue=True)["result"].get("value")

    def wait_for(self, selector: str) -> str:
        script = READY_JS.format(error=json.dumps(ERROR_SELECTOR), ready=json.dumps(selector))
        deadline = time.time() + LOAD_TIMEOUT
        while time.time() < deadline:
            state = self.evaluate(script)
            if state in ("ready", "error"):
                time.sleep(0.8)  # let the last rendering settle
                state = self.evaluate(script)
                if state in ("ready", "error"):
                    return state
                # the page started loading again meanwhile (a form's chatter, a notification): wait for it too
            time.sleep(0.3)
        return "timeout"

    def open(self, base: str, session: str, path: str, ready: str, steps=(), companies="") -> str:
        for name, value in (("session_id", session), ("cids", companies)):
            self.call("Network.deleteCookies", name=name, url=base)
            if value:
                self.call("Network.setCookie", name=name, value=value, url=base, path="/")
        self.problems = []
        self.call("Page.navigate", url=base + path)
        state = self.wait_for(ready)
        for click, ready_after in steps:
            if state != "ready":
                break
            if not self.evaluate(f"!!document.querySelector({json.dumps(click)})"):
                return f"nothing to click at {click}"
            self.evaluate(f"document.querySelector({json.dumps(click)}).click()")
            time.sleep(0.5)
            state = self.wait_for(ready_after)
        return state

    def screenshot(self, path: Path):
        data = self.call("Page.captureScreenshot", format="png")["data"]
        path.write_bytes(base64.b64decode(data))

    def shown(self) -> dict:
        """What the page shows: its text as rendered, and for each list view (a form's lines too: they scroll
        within the form, their last columns out of view) whose columns run past its edge, the field of the lines
        ("" for the page's list) and the columns cut."""
        return self.evaluate(SHOWN_JS)

    def error_text(self) -> str:
        return self.evaluate(
            f"[...document.querySelectorAll({json.dumps(ERROR_SELECTOR)})].map(e => e.innerText).join(' | ')"
        )

    def stop(self):
        self.ws.close()
        self.proc.terminate()
        self.proc.wait(30)
        shutil.rmtree(self.profile, ignore_errors=True)


def content_problems(name: str, shown: dict, names: dict) -> list[str]:
    """What is wrong with what page ``name`` shows (``Chromium.shown``): an expected text it lacks, a list whose
    columns run off the screen, a form's lines whose columns run off the form."""
    problems = []
    for cut in shown["cut"]:
        where = f"the edge of the form's lines {cut['list']}" if cut["list"] else "the screen's edge"
        if cut["columns"]:
            problems.append(f"columns cut off at {where}: {', '.join(cut['columns'])}")
    text = " ".join(shown["text"].split())
    for expected in EXPECT.get(name, ()):
        expected = expected.format(**names)
        if " ".join(expected.split()) not in text:
            problems.append(f"does not show {expected!r}")
    return problems


def main() -> int:
    smec_setup._require_setup()
    if not smec_setup.has_cjk_font():
        raise SystemExit("No CJK font: Chinese would print as boxes. Run `make setup` (it installs fonts-noto-cjk).")
    only = set(sys.argv[1:])
    OUT.mkdir(parents=True, exist_ok=True)
    odoo = Odoo()
    browser = None
    failures = []
    try:
        admin = odoo.session("admin", "admin")
        # the worklist of the demo's day, written as the menu writes it when the morning's job has not run
        odoo.call(admin, "smec.credit.worklist", "action_open_worklist", [], {})
        ids = {key: odoo.find(admin, *spec) for key, spec in RECORDS.items()}
        missing = sorted(key for key, value in ids.items() if not value)
        if missing:
            raise SystemExit(f"The demo database lacks what the guides show: {', '.join(missing)}")
        names = {key: odoo.name(admin, RECORDS[key][0], value) for key, value in ids.items()}
        names.update(odoo.figures(admin, ids))
        names.update(odoo.worklist_figures(admin, ids))
        browser = Chromium()
        sessions = {role: odoo.session(role, role) for role in ROLES}
        # every company the user may see is switched on, as the web client's ``cids`` cookie writes it
        # (the write-off is the small enterprise's)
        companies = {role: "-".join(map(str, odoo.companies(session))) for role, session in sessions.items()}
        for role, name, path, ready, steps in PAGES:
            if only and role not in only and name not in only:
                continue
            state = browser.open(odoo.url, sessions[role], path.format(**ids), ready, steps, companies[role])
            target = OUT / f"{name}.png"
            browser.screenshot(target)
            problems = list(browser.problems)
            if state != "ready":
                problems.insert(0, f"{state}: {browser.error_text() or 'the page did not finish loading'}")
            else:
                problems += content_problems(name, browser.shown(), names)
            print(f"{'FAILED' if problems else 'ok    '} {name:36} {path}", flush=True)
            if problems:
                failures.append((name, problems))
    finally:
        if browser:
            browser.stop()
        odoo.stop()
    for name, problems in failures:
        print(f"\n{name}:", *(f"  {p}" for p in problems), sep="\n", file=sys.stderr)
    if failures:
        print(
            f"\n{len(failures)} page(s) showed an error or not what their guide says; the server's log: "
            f"{odoo.log.name}",
            file=sys.stderr,
        )
        return 1
    print(f"Screenshots in {OUT.relative_to(smec_setup.REPO)}/ ({smec_setup.DEMO_DB}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
