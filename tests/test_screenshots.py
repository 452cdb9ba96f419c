"""What makes `make screenshots` fail: a page's error is caught, whatever form it takes (no browser needed)."""

import base64
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
import screenshots


def browser():
    chromium = screenshots.Chromium.__new__(screenshots.Chromium)  # no process: only its event handling
    chromium.problems = []
    return chromium


def test_an_uncaught_exception_and_a_console_error_are_problems():
    chromium = browser()
    chromium._event(
        {
            "method": "Runtime.exceptionThrown",
            "params": {"exceptionDetails": {"text": "Uncaught", "exception": {"description": "TypeError: x is null"}}},
        }
    )
    chromium._event(
        {"method": "Runtime.consoleAPICalled", "params": {"type": "error", "args": [{"value": "RPC_ERROR"}]}}
    )
    chromium._event({"method": "Runtime.consoleAPICalled", "params": {"type": "log", "args": [{"value": "fine"}]}})
    chromium._event({"method": "Page.loadEventFired", "params": {}})
    assert chromium.problems == ["TypeError: x is null", "RPC_ERROR"]


def test_the_ready_check_looks_for_odoos_error_dialog_first():
    script = screenshots.READY_JS.format(error='".o_error_dialog"', ready='".o_form_view"')
    assert script.index("o_error_dialog") < script.index("o_form_view")
    assert '"error"' in script and '"ready"' in script
    assert ".o_error_dialog" in screenshots.ERROR_SELECTOR


def test_every_page_of_the_guides_is_taken_and_every_record_it_opens_is_found():
    guides = Path(screenshots.smec_setup.REPO / "docs").glob("*.md")
    lines = [line for guide in guides for line in guide.read_text().splitlines() if "](screenshots/" in line]
    shown = {line.split("](screenshots/")[1].split(".png")[0] for line in lines}
    taken = {name for _role, name, *_rest in screenshots.PAGES}
    assert shown == taken
    paths = [path for _role, _name, path, *_rest in screenshots.PAGES]
    placeholders = {part.split("}")[0] for path in paths for part in path.split("{")[1:]}
    assert placeholders <= set(screenshots.RECORDS)
    assert {role for role, *_rest in screenshots.PAGES} == set(screenshots.ROLES)


def test_no_screenshot_is_left_behind_by_a_page_that_is_gone():
    kept = {path.stem for path in screenshots.OUT.glob("*.png")}
    assert kept == {name for _role, name, *_rest in screenshots.PAGES}


def test_every_page_says_what_it_must_show():
    """`make screenshots` fails on a page that loads without an error but does not show its guide's names and
    figures (EXPECT), or cuts a list's columns at the screen's edge."""
    assert set(screenshots.EXPECT) == {name for _role, name, *_rest in screenshots.PAGES}
    assert all(screenshots.EXPECT.values())
    names = {"held_order": "S00028"}
    shown = {"text": "报价单\nS00028  惠州恒通管业有限公司 (Huizhou Hengtong Pipes)\t已申请\n已批准", "cut": []}
    assert screenshots.content_problems("sales-1-quotations", shown, names) == []
    shown = {
        "text": "报价单 S00027 惠州恒通管业有限公司 (Huizhou Hengtong Pipes) 已申请",
        "cut": [{"list": "", "columns": ["合计", "(x)"]}],
    }
    assert screenshots.content_problems("sales-1-quotations", shown, names) == [
        "columns cut off at the screen's edge: 合计, (x)",
        "does not show 'S00028'",
        "does not show '已批准'",
    ]


def test_a_forms_lines_cut_at_the_forms_edge_are_found_in_a_browser():
    """The check of what a page shows, run in headless Chromium on a page built like Odoo's: a top-level list
    wider than the screen and a form's lines wider than the form are both reported, with the columns out of
    view (and the lines' field), a list that fits is not."""
    row = "".join(f'<th style="min-width:150px;padding:0">col{i}</th>' for i in range(6))
    html = f"""<html><body style="margin:0"><style>table {{ border-spacing: 0 }}</style>
        <div class="o_list_renderer" style="width:1440px;overflow:auto"><table><thead><tr>{row}</tr></thead>
            </table></div>
        <div class="o_list_renderer" style="width:1400px;overflow:auto"><table><thead><tr>{row * 3}</tr></thead>
            </table></div>
        <div style="width:600px"><div class="o_field_widget o_field_x2many" name="line_ids">
            <div class="o_list_renderer" style="width:600px;overflow:auto"><table><thead><tr>{row}</tr></thead>
            </table></div></div></div>
        </body></html>"""
    chromium = screenshots.Chromium()
    try:
        chromium.call("Page.navigate", url="data:text/html;base64," + base64.b64encode(html.encode()).decode())
        assert chromium.wait_for(".o_field_x2many") == "ready"
        shown = chromium.shown()
    finally:
        chromium.stop()
    # the page's second list: 18 columns of 150 px in 1400 px, the 10th (col3, 1350-1500 px) to the 18th out of
    # view; the form's 6 in 600 px: the 5th (col4, 600-750 px) and the 6th; the first list's 900 px fit in 1440
    assert shown["cut"] == [
        {"list": "", "columns": [f"col{i % 6}" for i in range(9, 18)]},
        {"list": "line_ids", "columns": ["col4", "col5"]},
    ]
    assert screenshots.content_problems("no-such-page", shown, {})[1] == (
        "columns cut off at the edge of the form's lines line_ids: col4, col5"
    )
