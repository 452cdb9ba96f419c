"""The Collection dashboard (smec_credit_collection_dashboard): collection results by stage and by collector (what
each dunning stage chased and what came in within 30 days, the collection results screen's figures), and the
promises to pay kept and broken per collector. Each table reads the model and the domain of the screen it links
to."""

from .common import Dashboard, menu_link, odoo_chart, scorecard, t

SCREENS = "smec_credit_collection"
ROWS = 10
SETTLED = [("state", "in", ["kept", "broken"])]


def build():
    board = Dashboard()
    sheet = board.sheet("Collection", {0: 260, 1: 130, 2: 150, 3: 150, 4: 120, 5: 40, 6: 110, 7: 110})
    data = board.sheet("Data", {0: 220, 1: 120, 2: 120}, visible=False)
    result_measures = ["amount_dunned_company", "amount_collected_company", "paid_rate", "days_to_collect"]
    by_stage = board.pivot("Results by Stage", "smec.collection.result", rows=["stage_id"], measures=result_measures)
    by_collector = board.pivot(
        "Results by Collector", "smec.collection.result", rows=["user_id"], measures=result_measures
    )
    promises = board.pivot(
        "Promises Kept",
        "smec.collection.promise",
        rows=["user_id"],
        columns=["state"],
        measures=["__count"],
        domain=SETTLED,
    )

    data.set("A1", t("Chased"))
    data.set("B1", f'=PIVOT.VALUE({by_stage},"amount_dunned_company")')
    data.set("C1", "=FORMAT.LARGE.NUMBER(B1)")
    data.set("A2", t("Collected within 30 days"))
    data.set("B2", f'=PIVOT.VALUE({by_stage},"amount_collected_company")')
    data.set("C2", "=FORMAT.LARGE.NUMBER(B2)")
    data.set("A3", t("Paid (%)"))
    data.set("B3", f'=PIVOT.VALUE({by_stage},"paid_rate")')
    data.set("C3", '=IF(B3="","",ROUND(B3,1))')
    data.set("A4", t("Promises kept (%)"))
    kept = f'PIVOT.VALUE({promises},"__count","state","kept")'
    data.set("B4", f'=IFERROR(100*{kept}/PIVOT.VALUE({promises},"__count"),"")')
    data.set("C4", '=IF(B4="","",ROUND(B4,1))')
    for index, (title, cell) in enumerate(
        (
            ("Chased", "Data!C1"),
            ("Collected within 30 Days", "Data!C2"),
            ("Paid (%)", "Data!C3"),
            ("Promises Kept (%)", "Data!C4"),
        )
    ):
        sheet.figure(scorecard(title, cell), col=0, row=0, width=200, height=100)
        sheet.figures[-1]["offset"] = {"x": 10 + index * 210, "y": 10}
    sheet.rows.update({str(r): {"size": 20} for r in range(6)})

    headers = ("Chased", "Collected within 30 Days", "Paid (avg %)", "Days to Collect")
    formats = (1, 1, 2, 3)
    row = 7
    for pivot, title, dimension, label in (
        (by_stage, "Collection Results by Stage", "stage_id", "Stage"),
        (by_collector, "Collection Results by Collector", "user_id", "Collector"),
    ):
        sheet.title(row, 0, menu_link(title, f"{SCREENS}.smec_collection_result_menu"))
        sheet.header(row + 1, 0, (label, *headers))
        for index in range(1, ROWS + 1):
            line = row + 1 + index
            sheet.set(f"A{line}", f'=PIVOT.HEADER({pivot},"#{dimension}",{index})', style=3)
            for col, (measure, fmt) in enumerate(zip(result_measures, formats, strict=True), start=1):
                sheet.set(
                    f"{'ABCDE'[col]}{line}",
                    f'=PIVOT.VALUE({pivot},"{measure}","#{dimension}",{index})',
                    style=4,
                    fmt=fmt,
                )
        total = row + 2 + ROWS
        sheet.set(f"A{total}", t("Total"), style=5, border=2)
        for col, (measure, fmt) in enumerate(zip(result_measures, formats, strict=True), start=1):
            sheet.set(f"{'ABCDE'[col]}{total}", f'=PIVOT.VALUE({pivot},"{measure}")', style=5, fmt=fmt, border=2)
        row = total + 2

    sheet.title(row, 0, menu_link("Promises to Pay Kept", f"{SCREENS}.smec_collection_promise_menu"))
    sheet.header(row + 1, 0, ("Collector", "Kept", "Broken", "Kept (%)"))
    for index in range(1, ROWS + 1):
        line = row + 1 + index
        kept = f'PIVOT.VALUE({promises},"__count","#user_id",{index},"state","kept")'
        broken = f'PIVOT.VALUE({promises},"__count","#user_id",{index},"state","broken")'
        sheet.set(f"A{line}", f'=PIVOT.HEADER({promises},"#user_id",{index})', style=3)
        sheet.set(f"B{line}", f'=IF(A{line}="","",IFERROR({kept},0))', style=4, fmt=3)
        sheet.set(f"C{line}", f'=IF(A{line}="","",IFERROR({broken},0))', style=4, fmt=3)
        sheet.set(f"D{line}", f'=IF(A{line}="","",IFERROR(100*B{line}/(B{line}+C{line}),""))', style=4, fmt=2)
    total = row + 2 + ROWS
    sheet.set(f"A{total}", t("Total"), style=5, border=2)
    sheet.set(f"B{total}", f'=IFERROR(PIVOT.VALUE({promises},"__count","state","kept"),0)', style=5, fmt=3, border=2)
    sheet.set(f"C{total}", f'=IFERROR(PIVOT.VALUE({promises},"__count","state","broken"),0)', style=5, fmt=3, border=2)
    sheet.set(f"D{total}", f'=IFERROR(100*B{total}/(B{total}+C{total}),"")', style=5, fmt=2, border=2)

    charts = total + 2
    for col, (title, group_by) in enumerate(
        (("Collected by Stage", "stage_id"), ("Collected by Collector", "user_id"))
    ):
        sheet.figure(
            odoo_chart("bar", title, "smec.collection.result", [group_by], "amount_collected_company"),
            col=col * 3,
            row=charts,
            width=440,
            height=300,
            menu=f"{SCREENS}.smec_collection_result_menu",
            dashboard=board,
        )
    return board
