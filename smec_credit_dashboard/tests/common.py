"""What the tests of the dashboards share: a dashboard's data sources read as the web client reads them (the
spreadsheet's pivot asks `formatted_read_grouping_sets` with the pivot's domain, dimensions and measures), the
screens' figures read as their actions show them, and the checks that every data source still names models,
fields, measures and menus that exist."""

import json
import re

from babel.messages.pofile import read_po

from odoo.tools import file_open, file_path
from odoo.tools.safe_eval import safe_eval
from odoo.tools.translate import extract_spreadsheet_terms

from odoo.addons.smec_base.tests.common import RpcCase

POSITIONAL = re.compile(r'PIVOT\.(?:VALUE|HEADER)\((\d+),\s*"([^"]+)"((?:,[^()]*?)?)\)')
LIST_CELL = re.compile(r'ODOO\.LIST\((\d+),\s*\d+,\s*"([^"]+)"\)')
MENU_LINK = re.compile(r"odoo://ir_menu_xml_id/([\w.]+)\)")


class DashboardCase(RpcCase):
    def dashboard_data(self, xmlid):
        return json.loads(self.env.ref(xmlid).spreadsheet_data)

    @staticmethod
    def dimension(spec):
        return f"{spec['fieldName']}:{spec['granularity']}" if spec.get("granularity") else spec["fieldName"]

    def aggregates(self, model, pivot):
        """The measures as the spreadsheet's pivot sends them: an explicit aggregator, else the field's own."""
        specs = []
        for measure in pivot["measures"]:
            if measure["fieldName"] == "__count":
                specs.append("__count")
                continue
            aggregator = measure.get("aggregator") or self.env[model]._fields[measure["fieldName"]].aggregator
            specs.append(f"{measure['fieldName']}:{aggregator}")
        return specs

    def pivot_groups(self, user, data, pivot_id, extra_domain=(), companies=None):
        """{row value(s): {measure: value}} of the pivot's rows (its first dimension set), read over JSON-RPC as
        ``user`` exactly as the dashboard's pivot reads them (in ``companies``, the companies the user selected:
        the web client sends them with every call)."""
        pivot = data["pivots"][pivot_id]
        groupby = [self.dimension(d) for d in pivot["rows"] + pivot["columns"]]
        order = ",".join(
            f"{self.dimension(d)} {d['order']}" if d.get("order") else self.dimension(d)
            for d in (pivot["columns"] + pivot["rows"])
        )
        groups = self.call_ok(
            user,
            pivot["model"],
            "formatted_read_grouping_sets",
            pivot["domain"] + list(extra_domain),
            [groupby],
            self.aggregates(pivot["model"], pivot),
            order=order or None,
            # labels (months, selections) in English whatever the user's language: the tests compare them
            context={
                **pivot["context"],
                "lang": "en_US",
                **({"allowed_company_ids": companies.ids} if companies else {}),
            },
        )[0]
        return [self._plain(group, groupby) for group in groups]

    def screen_groups(self, user, model, domain, groupby, aggregates, context=None):
        """The groups a screen shows (its list grouped, its pivot or graph): ``formatted_read_group`` as the web
        client calls it for the action's domain and context."""
        groups = self.call_ok(user, model, "formatted_read_group", domain, groupby, aggregates, context=context or {})
        return [self._plain(group, groupby) for group in groups]

    @staticmethod
    def _plain(group, groupby):
        key = tuple(group[g][1] if isinstance(group[g], list) else group[g] for g in groupby)
        # measures by field name ("exposure:sum" -> "exposure"), as the dashboard's formulas name them
        values = {k.split(":")[0]: v for k, v in group.items() if not k.startswith("__extra") and k not in groupby}
        return (key[0] if len(key) == 1 else key, values)

    def action_domain(self, xmlid, filters=()):
        """An action's domain with its default filters and ``filters`` of its search view applied."""
        action = self.env.ref(xmlid)
        domain = list(safe_eval(action.domain or "[]", {"uid": self.env.uid}))
        ctx = safe_eval(action.context or "{}", {"uid": self.env.uid})
        wanted = set(filters) | {key[len("search_default_") :] for key in ctx if key.startswith("search_default_")}
        return domain + self.filter_domain(action.res_model, wanted)

    def filter_domain(self, model, names):
        """The domain of the filters ``names`` of the model's search view, as a user ticks them."""
        arch = self.env[model].get_views([[False, "search"]])["views"]["search"]["arch"]
        domain = []
        for name, filter_domain in re.findall(r'<filter name="(\w+)"[^>]*domain="([^"]+)"', arch):
            if name in names:
                domain += safe_eval(filter_domain.replace("&gt;", ">").replace("&lt;", "<"))
        return domain

    # ------------------------------------------------------------
    # the data sources name what exists
    # ------------------------------------------------------------

    def check_sources(self, data):
        """Every pivot, list, chart and formula of the dashboard names a model, fields, measures and menus that
        exist, and each domain is valid for its model: a renamed field or menu breaks this, not the user's
        dashboard."""
        checked = 0
        for pivot_id, pivot in data["pivots"].items():
            model = self.env[pivot["model"]]
            model._search(pivot["domain"])  # a field renamed in a domain raises here
            described = model.fields_get(attributes=["groupable", "aggregator"])
            for dimension in pivot["rows"] + pivot["columns"]:
                field = described.get(dimension["fieldName"], {})
                self.assertTrue(field.get("groupable"), f"pivot {pivot_id}: {dimension['fieldName']} groupable")
            for measure in pivot["measures"]:
                if measure["fieldName"] == "__count":
                    continue
                field = model._fields.get(measure["fieldName"])
                self.assertTrue(field, f"pivot {pivot_id}: measure {measure['fieldName']} exists")
                self.assertTrue(measure.get("aggregator") or field.aggregator, f"{measure['fieldName']} aggregates")
            checked += 1
        for list_id, spec in data["lists"].items():
            model = self.env[spec["model"]]
            model._search(spec["domain"])
            for name in spec["columns"] + [o["name"] for o in spec["orderBy"]]:
                self.assertIn(name, model._fields, f"list {list_id}: {name}")
            checked += 1
        menus = set(data.get("chartOdooMenusReferences", {}).values())
        for sheet in data["sheets"]:
            for ref, content in sheet["cells"].items():
                menus.update(MENU_LINK.findall(content))
                for pivot_id, field, _rest in POSITIONAL.findall(content):
                    pivot = data["pivots"][pivot_id]
                    names = {m["id"] for m in pivot["measures"]} | {
                        "#" + self.dimension(d) for d in pivot["rows"] + pivot["columns"]
                    }
                    self.assertIn(field, names | {d["fieldName"] for d in pivot["columns"]}, f"{ref}: {content}")
                for list_id, field in LIST_CELL.findall(content):
                    self.assertIn(field, data["lists"][list_id]["columns"], f"{ref}: {content}")
            for figure in sheet["figures"]:
                meta = figure["data"].get("metaData")
                if not meta:
                    continue
                model = self.env[meta["resModel"]]
                model._search(figure["data"]["searchParams"]["domain"])
                self.assertIn(meta["measure"], model._fields)
                described = model.fields_get(attributes=["groupable"])
                for groupby in meta["groupBy"]:
                    self.assertTrue(described[groupby.split(":")[0]].get("groupable"), groupby)
                checked += 1
        for menu in menus:
            self.assertEqual(self.env.ref(menu)._name, "ir.ui.menu", menu)
        return checked

    # ------------------------------------------------------------
    # translations
    # ------------------------------------------------------------

    def check_translated(self, module, json_path, lang="zh_CN"):
        """Every term of the dashboard the web client translates has its translation in the add-on's .po."""
        with file_open(json_path, "rb") as handle:
            terms = {term for _line, _func, term, _comments in extract_spreadsheet_terms(handle, [], [], {})}
        with open(file_path(f"{module}/i18n/{lang}.po"), "rb") as handle:
            catalog = read_po(handle)
        missing = sorted(term for term in terms if not (catalog.get(term) and catalog.get(term).string))
        self.assertFalse(missing, f"{module}: untranslated in {lang}")
        return terms

    # ------------------------------------------------------------
    # in the browser
    # ------------------------------------------------------------

    def assert_dashboard_shows(self, xmlid, login, expected):
        """Opens the dashboard in the web client as ``login`` and waits for its data: no cell of any sheet may
        evaluate to an error, and each cell of ``expected`` ({"Sheet!B9": value}) shows its value (numbers to
        the cent, texts as they read)."""
        dashboard = self.env.ref(xmlid)
        code = DASHBOARD_JS % {"expected": json.dumps(expected)}
        self.browser_js(
            f"/odoo/dashboards?dashboard_id={dashboard.id}",
            code,
            "odoo.isReady === true",
            login=login,
            timeout=180,
        )


DASHBOARD_JS = """
(async () => {
    const expected = %(expected)s;
    const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
    let dashboard;
    for (let i = 0; i < 600 && !(dashboard && dashboard.status === "Loaded"); i++) {
        const loader = odoo.__WOWL_DEBUG__.root.env.services.spreadsheet_dashboard_loader;
        dashboard = loader && loader.getActiveDashboard();
        if (dashboard && dashboard.status === "Error") {
            throw new Error("the dashboard did not load: " + dashboard.error);
        }
        await sleep(200);
    }
    if (!dashboard || dashboard.status !== "Loaded") {
        throw new Error("the dashboard never loaded");
    }
    const { waitForDataLoaded } = odoo.loader.modules.get("@spreadsheet/helpers/model");
    const { helpers } = odoo.loader.modules.get("@odoo/o-spreadsheet");
    const model = dashboard.model;
    await waitForDataLoaded(model);
    await sleep(500);
    const problems = [];
    for (const sheet of model.exportData().sheets) {
        for (const xc of Object.keys(sheet.cells)) {
            const cell = model.getters.getEvaluatedCell({ sheetId: sheet.id, ...helpers.toCartesian(xc) });
            if (cell.type === "error") {
                problems.push(`${sheet.name}!${xc}: ${cell.value} ${cell.message || ""}`);
            }
        }
    }
    for (const [ref, value] of Object.entries(expected)) {
        const [name, xc] = ref.split("!");
        const sheetId = model.getters.getSheetIdByName(name);
        const cell = model.getters.getEvaluatedCell({ sheetId, ...helpers.toCartesian(xc) });
        const same = typeof value === "number" ? Math.abs(cell.value - value) < 0.005 : cell.value === value;
        if (!same) {
            problems.push(`${ref}: shows ${JSON.stringify(cell.value)}, expected ${JSON.stringify(value)}`);
        }
    }
    if (problems.length) {
        console.error("dashboard problems: " + problems.join(" | "));
    } else {
        console.log("test successful");
    }
})();
"""
