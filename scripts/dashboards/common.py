"""Building blocks of the add-ons' spreadsheet dashboards (Odoo's `spreadsheet_dashboard` JSON, o-spreadsheet
format 18.5.10, the version of Odoo 19's own dashboards).

Odoo Community has no spreadsheet editor, so the dashboards are written here as code and saved as the JSON files
the add-ons load (`data/files/*_dashboard.json`). Every text a user reads is a `_t("...")` formula, a link's label
or a chart title: the terms Odoo's translation export takes from dashboard files (`extract_spreadsheet_terms`) and
the web client translates in the add-on's namespace.
"""

import json
import uuid

VERSION = "18.5.10"
LOCALE = {
    "name": "English (US)",
    "code": "en_US",
    "thousandsSeparator": ",",
    "decimalSeparator": ".",
    "dateFormat": "mm/dd/yyyy",
    "timeFormat": "hh:mm:ss",
    "formulaArgSeparator": ",",
    "weekStart": 7,
}
# styles (referenced by number): 1 section title, 2 table header, 3 row label, 4 figure, 5 total
STYLES = {
    "1": {"textColor": "#01666b", "bold": True, "fontSize": 16},
    "2": {"textColor": "#434343", "bold": True, "fontSize": 11, "fillColor": "#f8f9fa"},
    "3": {"textColor": "#01666B", "verticalAlign": "middle"},
    "4": {"textColor": "#434343", "verticalAlign": "middle"},
    "5": {"textColor": "#434343", "bold": True, "verticalAlign": "middle"},
}
# formats: 1 amounts, 2 percentages already multiplied by 100 (the models' own), 3 days
FORMATS = {"1": "#,##0", "2": '0.0"%"', "3": "0"}
BORDERS = {"1": {"bottom": {"style": "thin", "color": "#CCCCCC"}}, "2": {"top": {"style": "thin", "color": "#CCCCCC"}}}


def col_name(index):
    return chr(ord("A") + index)


def t(text):
    """A text the web client translates (a `_t` formula)."""
    return '=_t("{}")'.format(text.replace('"', '\\"'))


def menu_link(label, menu_xmlid):
    """A section title that opens the screen the figure reads (Odoo's menu link cell)."""
    return f"[{label}](odoo://ir_menu_xml_id/{menu_xmlid})"


class Sheet:
    def __init__(self, name, cols, visible=True):
        self.id = str(uuid.uuid5(uuid.NAMESPACE_URL, name))
        self.name = name
        self.visible = visible
        self.cols = cols  # {index: width}
        self.cells = {}
        self.styles = {}
        self.formats = {}
        self.borders = {}
        self.rows = {}
        self.figures = []

    def set(self, ref, content, style=None, fmt=None, border=None):
        self.cells[ref] = content
        if style:
            self.styles[ref] = style
        if fmt:
            self.formats[ref] = fmt
        if border:
            self.borders[ref] = border

    def title(self, row, col, content):
        """A section title in ``row`` (1-based), with a line under it."""
        ref = f"{col_name(col)}{row}"
        self.set(ref, content, style=1, border=1)
        self.rows[str(row - 1)] = {"size": 40}

    def header(self, row, first_col, texts):
        for offset, text in enumerate(texts):
            self.set(f"{col_name(first_col + offset)}{row}", t(text), style=2)

    def figure(self, data, col, row, width, height, menu=None, dashboard=None):
        figure_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"{self.name}-{col}-{row}-{json.dumps(data)}"))
        data = {**data, "chartId": figure_id}
        self.figures.append(
            {
                "id": figure_id,
                "width": width,
                "height": height,
                "tag": "chart",
                "data": data,
                "col": col,
                "row": row,
                "offset": {"x": 0, "y": 0},
            }
        )
        if menu and dashboard is not None:
            dashboard.menus[figure_id] = menu
        return figure_id

    def to_json(self):
        return {
            "id": self.id,
            "name": self.name,
            "colNumber": max(len(self.cols), 8),
            "rowNumber": max([60] + [int(ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")) + 5 for ref in self.cells]),
            "rows": self.rows,
            "cols": {str(k): {"size": v} for k, v in self.cols.items()},
            "merges": [],
            "cells": self.cells,
            "styles": self.styles,
            "formats": self.formats,
            "borders": self.borders,
            "conditionalFormats": [],
            "dataValidationRules": [],
            "figures": self.figures,
            "tables": [],
            "areGridLinesVisible": False,
            "isVisible": self.visible,
            "headerGroups": {"ROW": [], "COL": []},
            "comments": {},
        }


class Dashboard:
    def __init__(self):
        self.sheets = []
        self.pivots = {}
        self.lists = {}
        self.menus = {}

    def sheet(self, name, cols, visible=True):
        sheet = Sheet(name, cols, visible)
        self.sheets.append(sheet)
        return sheet

    def pivot(self, name, model, rows, measures, domain=(), columns=(), sort=None):
        """An Odoo pivot: ``rows``/``columns`` are (field, granularity, order) or field names, ``measures`` are
        field names or (field, aggregator). Returns its id for the PIVOT formulas."""
        pivot_id = str(len(self.pivots) + 1)

        def dimension(spec):
            if isinstance(spec, str):
                return {"fieldName": spec}
            field, granularity, order = spec
            result = {"fieldName": field}
            if granularity:
                result["granularity"] = granularity
            if order:
                result["order"] = order
            return result

        def measure(spec):
            if isinstance(spec, str):
                return {"id": spec, "fieldName": spec}
            field, aggregator = spec
            return {"id": f"{field}:{aggregator}", "fieldName": field, "aggregator": aggregator}

        self.pivots[pivot_id] = {
            "type": "ODOO",
            "id": pivot_id,
            "formulaId": pivot_id,
            "name": name,
            "model": model,
            "domain": list(domain),
            "context": {},
            "measures": [measure(m) for m in measures],
            "rows": [dimension(r) for r in rows],
            "columns": [dimension(c) for c in columns],
            "sortedColumn": {"measure": sort[0], "order": sort[1], "domain": []} if sort else None,
            "fieldMatching": {},
        }
        return pivot_id

    def list(self, name, model, columns, order, domain=()):
        list_id = str(len(self.lists) + 1)
        self.lists[list_id] = {
            "id": list_id,
            "name": name,
            "model": model,
            "domain": list(domain),
            "context": {},
            "orderBy": [{"name": field, "asc": asc} for field, asc in order],
            "columns": list(columns),
            "fieldMatching": {},
        }
        return list_id

    def to_json(self):
        return {
            "version": VERSION,
            "sheets": [s.to_json() for s in self.sheets],
            "styles": STYLES,
            "formats": FORMATS,
            "borders": BORDERS,
            "revisionId": "START_REVISION",
            "uniqueFigureIds": True,
            "settings": {"locale": LOCALE},
            "pivots": self.pivots,
            "pivotNextId": len(self.pivots) + 1,
            "customTableStyles": {},
            "globalFilters": [],
            "lists": self.lists,
            "listNextId": len(self.lists) + 1,
            "chartOdooMenusReferences": self.menus,
        }


def odoo_chart(kind, title, model, group_by, measure, domain=(), action_xmlid=None):
    """An Odoo graph (bar, line or pie) on a model: clicking a bar opens its records."""
    data = {
        "type": f"odoo_{kind}",
        "title": {"text": title, "bold": True, "color": "#434343"},
        "background": "#FFFFFF",
        "legendPosition": "none",
        "metaData": {"groupBy": list(group_by), "measure": measure, "order": None, "resModel": model, "mode": kind},
        "searchParams": {
            "comparison": None,
            "context": {},
            "domain": list(domain),
            "groupBy": list(group_by),
            "orderBy": [],
        },
        "dataSets": [{}],
        "verticalAxisPosition": "left",
        "stacked": False,
        "fieldMatching": {},
    }
    if kind == "line":
        data["cumulatedStart"] = False
        data["fillArea"] = True
    if action_xmlid:
        data["actionXmlId"] = action_xmlid
    return data


def scorecard(title, key_cell, description_cell=None, background="#EFF6FF"):
    data = {
        "type": "scorecard",
        "title": {"text": title, "color": "#434343", "bold": True},
        "background": background,
        "keyValue": key_cell,
        "baselineMode": "text",
        "baselineColorDown": "#DC6965",
        "baselineColorUp": "#00A04A",
        "humanize": False,
    }
    if description_cell:
        data["baseline"] = description_cell
    return data
