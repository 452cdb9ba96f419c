"""The Cash-in Forecast dashboard (smec_credit_forecast_dashboard, a bridge of smec_credit_forecast and
smec_credit_dashboard): the company's newest forecast, week by week for 13 weeks with its low and high band,
what is later or doubtful and what is set apart (disputed, legal claims), by kind. Each table reads the forecast
lines with the domain of the screen it opens (Credit > Receivables > Newest Cash-in Forecast)."""

from .common import Dashboard, menu_link, odoo_chart, scorecard, t

SCREENS = "smec_credit_forecast"
NEWEST = [("forecast_id.is_newest", "=", True)]
WEEKS = 13
# the rows of the weekly table: the 13 weeks, then later or doubtful, then apart (the week selection's order)
ROWS = WEEKS + 2


def build():
    board = Dashboard()
    sheet = board.sheet("Forecast", {0: 220, 1: 130, 2: 130, 3: 130, 4: 40, 5: 200, 6: 130, 7: 130})
    data = board.sheet("Data", {0: 220, 1: 120, 2: 120}, visible=False)
    measures = ["amount", "amount_low", "amount_high"]
    by_week = board.pivot(
        "Forecast by Week", "smec.credit.forecast.line", rows=["week"], measures=measures, domain=NEWEST
    )
    by_kind = board.pivot(
        "Forecast by Kind", "smec.credit.forecast.line", rows=["kind"], measures=measures, domain=NEWEST
    )
    in_weeks = [*NEWEST, ("week", "not in", ["later", "apart"])]
    weeks = board.pivot("13 Weeks", "smec.credit.forecast.line", rows=[], measures=measures, domain=in_weeks)
    forecast = board.list(
        "Newest Forecast",
        "smec.credit.forecast",
        columns=["date", "amount_open"],
        order=[("date", False)],
        domain=[("is_newest", "=", True)],
    )

    # -- the figures the scorecards show (hidden sheet)
    for row, (label, formula) in enumerate(
        (
            ("Expected in 13 weeks", f'=PIVOT.VALUE({weeks},"amount")'),
            ("Low (13 weeks)", f'=PIVOT.VALUE({weeks},"amount_low")'),
            ("High (13 weeks)", f'=PIVOT.VALUE({weeks},"amount_high")'),
            ("Open receivables", f'=ODOO.LIST({forecast},1,"amount_open")'),
        ),
        start=1,
    ):
        data.set(f"A{row}", t(label))
        data.set(f"B{row}", formula)
        data.set(f"C{row}", f'=IF(B{row}="","",FORMAT.LARGE.NUMBER(B{row}))')
    data.set("A5", t("As of"))
    data.set("B5", f'=ODOO.LIST({forecast},1,"date")')
    for index, (title, cell) in enumerate(
        (
            ("Expected in 13 Weeks", "Data!C1"),
            ("Low", "Data!C2"),
            ("High", "Data!C3"),
            ("Open Receivables", "Data!C4"),
        )
    ):
        sheet.figure(scorecard(title, cell), col=0, row=0, width=200, height=100)
        sheet.figures[-1]["offset"] = {"x": 10 + index * 210, "y": 10}
    sheet.rows.update({str(r): {"size": 20} for r in range(6)})

    # -- week by week | by kind
    sheet.title(7, 0, menu_link("Cash-in Forecast by Week", f"{SCREENS}.smec_credit_forecast_newest_menu"))
    sheet.header(8, 0, ("Week", "Expected", "Low", "High"))
    sheet.title(7, 5, menu_link("By Kind", f"{SCREENS}.smec_credit_forecast_newest_menu"))
    sheet.header(8, 5, ("Kind", "Expected", "Low"))
    for index in range(1, ROWS + 1):
        row = 8 + index
        sheet.set(f"A{row}", f'=PIVOT.HEADER({by_week},"#week",{index})', style=3)
        for col, measure in zip("BCD", measures, strict=True):
            sheet.set(f"{col}{row}", f'=PIVOT.VALUE({by_week},"{measure}","#week",{index})', style=4, fmt=1)
        if index <= 4:
            sheet.set(f"F{row}", f'=PIVOT.HEADER({by_kind},"#kind",{index})', style=3)
            sheet.set(f"G{row}", f'=PIVOT.VALUE({by_kind},"amount","#kind",{index})', style=4, fmt=1)
            sheet.set(f"H{row}", f'=PIVOT.VALUE({by_kind},"amount_low","#kind",{index})', style=4, fmt=1)
    total = 9 + ROWS
    sheet.set(f"A{total}", t("Total"), style=5, border=2)
    for col, measure in zip("BCD", measures, strict=True):
        sheet.set(f"{col}{total}", f'=PIVOT.VALUE({by_week},"{measure}")', style=5, fmt=1, border=2)
    sheet.set(f"F{total - 2}", t("As of"), style=3)
    sheet.set(f"G{total - 2}", "=Data!B5", style=4)

    # -- the weeks as a chart: each bar opens its lines
    sheet.figure(
        odoo_chart("bar", "Expected by Week", "smec.credit.forecast.line", ["week"], "amount", domain=NEWEST),
        col=0,
        row=total + 2,
        width=900,
        height=300,
        menu=f"{SCREENS}.smec_credit_forecast_newest_menu",
        dashboard=board,
    )
    return board
