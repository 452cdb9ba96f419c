"""The Credit dashboard (smec_credit_dashboard): exposure by grade and its utilisation, the aging by bucket, the
top overdue customers, the month-end trend of the aging with DSO and CEI, and the overdue ratio per industry
against the published industry figure. Each table reads the model and the domain of the screen it links to."""

from .common import Dashboard, menu_link, odoo_chart, scorecard, t

# the add-ons whose screens (menus) the titles open: the exposure is the core's, the aging, KPIs and industry
# figures smec_credit_receivable's
SCREENS = "smec_credit"
RECEIVABLE_SCREENS = "smec_credit_receivable"
ROWS = 8  # grades / buckets shown
TOP = 10  # top overdue customers, industries
MONTHS = 12
INDUSTRY_FIGURES = 40  # published figures read (newest first) for the industry comparison


def build():
    board = Dashboard()
    sheet = board.sheet("Credit", {0: 260, 1: 115, 2: 115, 3: 130, 4: 220, 5: 130, 6: 115, 7: 115})
    data = board.sheet("Data", {0: 220, 1: 120, 2: 120, 3: 120}, visible=False)

    exposure = board.pivot(
        "Exposure by Grade",
        "smec.credit.exposure.report",
        rows=["grade_id"],
        measures=["exposure", "credit_limit", "utilisation", "__count"],
    )
    aging = board.pivot("Aging", "smec.credit.aging.line", rows=["bucket"], measures=["open_amount"])
    overdue = board.pivot(
        "Top Overdue Customers",
        "smec.credit.aging.line",
        rows=["partner_id"],
        measures=["open_amount", "days_overdue"],
        domain=[("days", ">", 0)],
        sort=("open_amount", "desc"),
    )
    kpis = board.pivot(
        "Monthly KPIs",
        "smec.credit.kpi.snapshot",
        rows=[("date_to", "month", "desc")],
        measures=[
            "closing_current",
            "closing_overdue",
            "closing_over_90",
            "dso",
            "cei",
            "overdue_ratio",
            "over_90_share",
        ],
        domain=[("scope", "=", "company")],
    )
    industries = board.pivot(
        "Overdue by Industry",
        "smec.credit.kpi.snapshot",
        rows=["industry_id"],
        columns=[("date_to", "month", "desc")],
        measures=["overdue_ratio"],
        domain=[("scope", "=", "industry"), ("industry_id", "!=", False)],
    )
    figures = board.list(
        "Industry Reference Figures",
        "smec.credit.industry.figure",
        columns=["industry_id", "period", "overdue_rate", "bad_debt_rate", "source"],
        order=[("date", False), ("id", False)],
    )

    # -- the figures the scorecards show (hidden sheet)
    data.set("A1", t("Exposure"))
    data.set("B1", f'=PIVOT.VALUE({exposure},"exposure")')
    data.set("C1", "=FORMAT.LARGE.NUMBER(B1)")
    data.set("A2", t("Open receivables"))
    data.set("B2", f'=PIVOT.VALUE({aging},"open_amount")')
    data.set("C2", "=FORMAT.LARGE.NUMBER(B2)")
    data.set("A3", t("Last month"))
    # a date header past the last row is an error, not an empty cell: months that do not exist yet read ""
    data.set("B3", f'=IFERROR(PIVOT.HEADER({kpis},"#date_to:month",1),"")')
    for row, (label, measure) in enumerate(
        (
            ("DSO (days)", "dso"),
            ("CEI (%)", "cei"),
            ("Overdue (%)", "overdue_ratio"),
            ("Over 90 days (%)", "over_90_share"),
        ),
        start=4,
    ):
        data.set(f"A{row}", t(label))
        data.set(f"B{row}", f'=PIVOT.VALUE({kpis},"{measure}","#date_to:month",1)')
        data.set(f"C{row}", f'=IF(B{row}="","",ROUND(B{row},1))')
    data.set("A20", t("Industry"))
    data.set("B20", t("Overdue rate (%)"))
    data.set("C20", t("Period"))
    for index in range(1, INDUSTRY_FIGURES + 1):
        data.set(f"A{20 + index}", f'=ODOO.LIST({figures},{index},"industry_id")')
        data.set(f"B{20 + index}", f'=ODOO.LIST({figures},{index},"overdue_rate")')
        data.set(f"C{20 + index}", f'=ODOO.LIST({figures},{index},"period")')
    last_figure = 20 + INDUSTRY_FIGURES

    # -- scorecards
    for title, cell in (
        ("Exposure", "Data!C1"),
        ("Open Receivables", "Data!C2"),
        ("DSO", "Data!C4"),
        ("CEI", "Data!C5"),
        ("Overdue (%)", "Data!C6"),
        ("Over 90 Days (%)", "Data!C7"),
    ):
        sheet.figure(scorecard(title, cell), col=0, row=0, width=180, height=100)
    # scorecards sit side by side over the first rows: spread them by pixel offset
    for index, figure in enumerate(sheet.figures):
        figure["col"], figure["offset"] = 0, {"x": 10 + index * 190, "y": 10}
    sheet.rows.update({str(r): {"size": 20} for r in range(6)})

    # -- exposure by grade | aging by bucket
    sheet.title(7, 0, menu_link("Exposure by Grade", f"{SCREENS}.smec_credit_exposure_report_menu"))
    sheet.header(8, 0, ("Grade", "Exposure", "Applied Limit", "Utilisation (avg %)"))
    sheet.title(7, 4, menu_link("Aging by Bucket", f"{RECEIVABLE_SCREENS}.smec_credit_aging_menu"))
    sheet.header(8, 4, ("Bucket", "Open Amount", "Share (%)"))
    for index in range(1, ROWS + 1):
        row = 8 + index
        sheet.set(f"A{row}", f'=PIVOT.HEADER({exposure},"#grade_id",{index})', style=3)
        sheet.set(f"B{row}", f'=PIVOT.VALUE({exposure},"exposure","#grade_id",{index})', style=4, fmt=1)
        sheet.set(f"C{row}", f'=PIVOT.VALUE({exposure},"credit_limit","#grade_id",{index})', style=4, fmt=1)
        sheet.set(f"D{row}", f'=PIVOT.VALUE({exposure},"utilisation","#grade_id",{index})', style=4, fmt=2)
        sheet.set(f"E{row}", f'=PIVOT.HEADER({aging},"#bucket",{index})', style=3)
        sheet.set(f"F{row}", f'=PIVOT.VALUE({aging},"open_amount","#bucket",{index})', style=4, fmt=1)
        sheet.set(f"G{row}", f'=IFERROR(IF(F{row}="","",100*F{row}/F{9 + ROWS}),"")', style=4, fmt=2)
    total = 9 + ROWS
    sheet.set(f"A{total}", t("Total"), style=5, border=2)
    sheet.set(f"B{total}", f'=PIVOT.VALUE({exposure},"exposure")', style=5, fmt=1, border=2)
    sheet.set(f"C{total}", f'=PIVOT.VALUE({exposure},"credit_limit")', style=5, fmt=1, border=2)
    sheet.set(f"D{total}", f'=PIVOT.VALUE({exposure},"utilisation")', style=5, fmt=2, border=2)
    sheet.set(f"E{total}", t("Total"), style=5, border=2)
    sheet.set(f"F{total}", f'=PIVOT.VALUE({aging},"open_amount")', style=5, fmt=1, border=2)

    # -- top overdue customers | overdue ratio against the industry figure
    top = total + 2
    sheet.title(top, 0, menu_link("Top Overdue Customers", f"{RECEIVABLE_SCREENS}.smec_credit_aging_menu"))
    sheet.header(top + 1, 0, ("Customer", "Overdue Amount", "Oldest (days)"))
    sheet.title(
        top,
        4,
        menu_link("Overdue Ratio against the Industry", f"{RECEIVABLE_SCREENS}.smec_credit_industry_figure_menu"),
    )
    sheet.header(top + 1, 4, ("Industry", "Ours, last month (%)", "Published (%)", "Period"))
    for index in range(1, TOP + 1):
        row = top + 1 + index
        sheet.set(f"A{row}", f'=PIVOT.HEADER({overdue},"#partner_id",{index})', style=3)
        sheet.set(f"B{row}", f'=PIVOT.VALUE({overdue},"open_amount","#partner_id",{index})', style=4, fmt=1)
        sheet.set(f"C{row}", f'=PIVOT.VALUE({overdue},"days_overdue","#partner_id",{index})', style=4, fmt=3)
        sheet.set(f"E{row}", f'=PIVOT.HEADER({industries},"#industry_id",{index})', style=3)
        sheet.set(
            f"F{row}",
            f'=PIVOT.VALUE({industries},"overdue_ratio","#industry_id",{index},"#date_to:month",1)',
            style=4,
            fmt=2,
        )
        # the newest published figure of the industry (the list is newest first)
        for col, column in (("G", 2), ("H", 3)):
            sheet.set(
                f"{col}{row}",
                f'=IF(E{row}="","",IFERROR(VLOOKUP(E{row},Data!$A$21:$C${last_figure},{column},FALSE),""))',
                style=4,
                fmt=2 if col == "G" else None,
            )

    # -- month-end trend: the aging, DSO and CEI
    trend = top + TOP + 3
    sheet.title(trend, 0, menu_link("Month-End Aging, DSO and CEI", f"{RECEIVABLE_SCREENS}.smec_credit_kpi_menu"))
    sheet.header(
        trend + 1,
        0,
        ("Month", "Not Yet Due", "Overdue", "Over 90 Days", "DSO (days)", "CEI (%)", "Overdue (%)", "Over 90 (%)"),
    )
    measures = ("closing_current", "closing_overdue", "closing_over_90", "dso", "cei", "overdue_ratio", "over_90_share")
    formats = (1, 1, 1, 3, 2, 2, 2)
    for index in range(1, MONTHS + 1):
        row = trend + 1 + index
        sheet.set(f"A{row}", f'=IFERROR(PIVOT.HEADER({kpis},"#date_to:month",{index}),"")', style=3)
        for col, (measure, fmt) in enumerate(zip(measures, formats, strict=True), start=1):
            ref = "ABCDEFGH"[col] + str(row)
            sheet.set(ref, f'=PIVOT.VALUE({kpis},"{measure}","#date_to:month",{index})', style=4, fmt=fmt)

    # -- charts: each bar opens its records
    charts = trend + MONTHS + 3
    sheet.figure(
        odoo_chart(
            "line",
            "DSO by Month",
            "smec.credit.kpi.snapshot",
            ["date_to:month"],
            "dso",
            domain=[("scope", "=", "company")],
        ),
        col=0,
        row=charts,
        width=470,
        height=300,
        menu=f"{RECEIVABLE_SCREENS}.smec_credit_kpi_menu",
        dashboard=board,
    )
    sheet.figure(
        odoo_chart("bar", "Aging by Bucket", "smec.credit.aging.line", ["bucket"], "open_amount"),
        col=4,
        row=charts,
        width=470,
        height=300,
        menu=f"{RECEIVABLE_SCREENS}.smec_credit_aging_menu",
        dashboard=board,
    )
    # the cash-in forecast with its band is the Cash-in Forecast dashboard beside this one (forecast.py, the bridge
    # smec_credit_forecast_dashboard): this dashboard depends on smec_credit only
    return board
