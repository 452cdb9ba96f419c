"""The policies every company starts with: grades A-D and the simplified SME
5C scorecards that credit managers are trained on (customers and suppliers). ``_`` is the caller's
translation function, so the names are created in the company's language."""

import copy


def default_grades(_):
    return [
        {
            "code": "A",
            "name": _("A - Excellent"),
            "min_score": 80,
            "max_score": 100,
            "color": 10,
            "limit_rule": "sales",
            "limit_amount": 200000,
            "credit_months": 2,
            "grade_factor": 1.2,
            "term": "eom30",
            "methods": ["transfer", "bill", "cash"],
            "prepayment_percent": 0,
            "confirmation_policy": "allow",
            "review_months": 12,
        },
        {
            "code": "B",
            "name": _("B - Good"),
            "min_score": 65,
            "max_score": 80,
            "color": 4,
            "limit_rule": "sales",
            "limit_amount": 100000,
            "credit_months": 1,
            "grade_factor": 1.0,
            "term": "30",
            "methods": ["transfer", "bill", "cash"],
            "prepayment_percent": 0,
            "confirmation_policy": "allow",
            "review_months": 12,
        },
        {
            "code": "C",
            "name": _("C - Watch"),
            "min_score": 50,
            "max_score": 65,
            "color": 3,
            "limit_rule": "fixed",
            "limit_amount": 20000,
            "credit_months": 0.5,
            "grade_factor": 0.5,
            "term": "15",
            "methods": ["transfer", "cash"],
            "prepayment_percent": 30,
            "confirmation_policy": "allow",
            "review_months": 6,
        },
        {
            "code": "D",
            "name": _("D - Cash only"),
            "min_score": 0,
            "max_score": 50,
            "color": 1,
            "limit_rule": "fixed",
            "limit_amount": 0,
            "credit_months": 0,
            "grade_factor": 0,
            "term": "immediate",
            "methods": ["transfer", "cash"],
            "prepayment_percent": 100,
            "confirmation_policy": "block",
            "review_months": 3,
        },
    ]


def default_supplier_grades(_):
    return [
        {"code": "A", "name": _("A - Strategic supplier"), "min_score": 80, "max_score": 100, "color": 10},
        {"code": "B", "name": _("B - Reliable supplier"), "min_score": 65, "max_score": 80, "color": 4},
        {"code": "C", "name": _("C - Supplier to watch"), "min_score": 50, "max_score": 65, "color": 3},
        {"code": "D", "name": _("D - Supplier at risk"), "min_score": 0, "max_score": 50, "color": 1},
    ]


def _bands(*rows):
    """rows of (label, lower or None, upper or None, score) -> option commands."""
    return [
        (
            0,
            0,
            {
                "name": label,
                "sequence": i,
                "has_min": lo is not None,
                "value_min": lo or 0.0,
                "has_max": hi is not None,
                "value_max": hi or 0.0,
                "score": score,
            },
        )
        for i, (label, lo, hi, score) in enumerate(rows)
    ]


def _choices(*rows, unknown=None):
    """rows of (label, score); ``unknown``: the label of the answer that means "no information"."""
    return [
        (0, 0, {"name": label, "sequence": i, "score": score, "is_unknown": label == unknown})
        for i, (label, score) in enumerate(rows)
    ]


def poor_score(scores):
    """The second-lowest of ``scores`` (the lowest when there are fewer than three): a criterion's unknown score."""
    ordered = sorted(scores)
    return float(ordered[1] if len(ordered) >= 3 else ordered[0]) if ordered else 0.0


def _criterion(dimension, name, seq, kind="choice", source="manual", unit=False, options=(), weight=1.0):
    """A criterion whose unknown answer scores as its poor one (the second-lowest answer, the lowest of two):
    the conservative answer, which starts a new customer with a clean questionnaire at grade C, the policy
    for new customers, and lets only what is known lift it."""
    options = list(options)
    return (
        0,
        0,
        {
            "dimension": dimension,
            "name": name,
            "sequence": seq,
            "kind": kind,
            "source": source,
            "unit": unit,
            "option_ids": options,
            "weight": weight,
            "unknown_score": poor_score([option[2]["score"] for option in options]),
        },
    )


def default_scorecards(_):
    """The simplified SME 5C scorecard credit managers are trained on, and one for suppliers."""

    def industry_risk():
        """The Conditions criterion both scorecards share: the industry's risk level (1-4)."""
        return _criterion(
            "conditions",
            _("Industry risk level"),
            1,
            "number",
            "industry_risk",
            options=_bands(
                (_("Low"), None, 1.5, 100),
                (_("Medium"), 1.5, 2.5, 70),
                (_("High"), 2.5, 3.5, 40),
                (_("Very high"), 3.5, None, 10),
            ),
        )

    customer = [
        _criterion(
            "character",
            _("Share of invoices paid on time"),
            1,
            "number",
            "on_time_share",
            "%",
            _bands(
                (_("95 % and more"), 95, None, 100),
                (_("85-95 %"), 85, 95, 80),
                (_("70-85 %"), 70, 85, 55),
                (_("50-70 %"), 50, 70, 30),
                (_("Under 50 %"), None, 50, 0),
            ),
            weight=2.0,
        ),
        _criterion(
            "character",
            _("Average days paid late"),
            2,
            "number",
            "avg_days_late",
            _("days"),
            _bands(
                (_("On time"), None, 1, 100),
                (_("1-15 days"), 1, 15, 75),
                (_("15-30 days"), 15, 30, 50),
                (_("30-60 days"), 30, 60, 20),
                (_("Over 60 days"), 60, None, 0),
            ),
        ),
        _criterion(
            "character",
            _("Litigation and dishonesty record"),
            3,
            options=_choices(
                (_("None found"), 100),
                (_("Closed civil cases only"), 60),
                (_("Open litigation"), 25),
                (_("Listed as dishonest or enforced debtor"), 0),
            ),
        ),
        _criterion(
            "character",
            _("Reputation of the owner / management"),
            4,
            options=_choices(
                (_("Well known, good"), 100),
                (_("No information"), 60),
                (_("Negative feedback"), 20),
                unknown=_("No information"),
            ),
        ),
        _criterion(
            "capacity",
            _("Years in business"),
            1,
            "number",
            unit=_("years"),
            options=_bands(
                (_("10 years and more"), 10, None, 100),
                (_("5-10 years"), 5, 10, 80),
                (_("2-5 years"), 2, 5, 55),
                (_("Under 2 years"), None, 2, 25),
            ),
        ),
        _criterion(
            "capacity",
            _("Annual revenue trend"),
            2,
            options=_choices(
                (_("Growing"), 100), (_("Stable"), 75), (_("Declining"), 35), (_("Unknown"), 50), unknown=_("Unknown")
            ),
        ),
        _criterion(
            "capacity",
            _("Longest overdue"),
            3,
            "number",
            "max_days_overdue",
            _("days"),
            _bands(
                (_("None"), None, 1, 100),
                (_("1-30 days"), 1, 31, 70),
                (_("31-90 days"), 31, 91, 35),
                (_("Over 90 days"), 91, None, 0),
            ),
        ),
        _criterion(
            "capital",
            _("Paid-up capital"),
            1,
            "number",
            unit=_("CNY 10k"),
            options=_bands(
                (_("5,000 and more"), 5000, None, 100),
                (_("1,000-5,000"), 1000, 5000, 80),
                (_("100-1,000"), 100, 1000, 55),
                (_("Under 100"), None, 100, 30),
            ),
        ),
        _criterion(
            "capital",
            _("Debt-to-asset ratio"),
            2,
            options=_choices(
                (_("Under 50 %"), 100),
                (_("50-70 %"), 70),
                (_("Over 70 %"), 30),
                (_("Unknown"), 40),
                unknown=_("Unknown"),
            ),
        ),
        _criterion(
            "collateral",
            _("Guarantees, deposits or credit insurance"),
            1,
            options=_choices(
                (_("Covers the whole limit"), 100),
                (_("Covers part of the limit"), 60),
                (_("Personal guarantee of the owner"), 40),
                (_("None"), 0),
            ),
        ),
        industry_risk(),
        _criterion(
            "conditions",
            _("Regional and market environment"),
            2,
            options=_choices((_("Favourable"), 100), (_("Neutral"), 70), (_("Unfavourable"), 30)),
        ),
    ]
    supplier = [
        _criterion(
            "character",
            _("Delivery reliability (on-time deliveries)"),
            1,
            options=_choices((_("Over 95 %"), 100), (_("85-95 %"), 70), (_("Under 85 %"), 30)),
        ),
        _criterion(
            "capacity",
            _("Quality (rejection rate)"),
            1,
            options=_choices((_("Under 1 %"), 100), (_("1-3 %"), 70), (_("Over 3 %"), 25)),
        ),
        _criterion(
            "capacity",
            _("Years in business"),
            2,
            "number",
            unit=_("years"),
            options=_bands(
                (_("10 years and more"), 10, None, 100), (_("5-10 years"), 5, 10, 80), (_("Under 5 years"), None, 5, 45)
            ),
        ),
        _criterion(
            "capital",
            _("Financial strength"),
            1,
            options=_choices((_("Strong"), 100), (_("Adequate"), 70), (_("Weak"), 25)),
        ),
        _criterion(
            "collateral",
            _("Alternative sources for what it supplies"),
            1,
            options=_choices((_("Several"), 100), (_("One"), 60), (_("None: single source"), 20)),
        ),
        industry_risk(),
    ]
    return [
        {"name": _("SME customer scorecard (simplified 5C)"), "partner_role": "customer", "criterion_ids": customer},
        default_quick_scorecard(_, customer),
        {
            "name": _("Supplier scorecard"),
            "partner_role": "supplier",
            "criterion_ids": supplier,
            "weight_character": 30,
            "weight_capacity": 30,
            "weight_capital": 20,
            "weight_collateral": 10,
            "weight_conditions": 10,
        },
    ]


def default_quick_scorecard(_, customer=None):
    """The quick check: the customer scorecard's criteria that the ledger and a registry search answer (paid on
    time, litigation, longest overdue, years in business, guarantees, industry), for customers too small for the
    full 5C. ``customer``: the full card's criteria, built once by ``default_scorecards``."""
    if customer is None:
        customer = next(c for c in default_scorecards(_) if c.get("depth") != "quick")["criterion_ids"]
    kept = {(1, "character"), (3, "character"), (1, "capacity"), (3, "capacity"), (1, "collateral"), (1, "conditions")}
    criteria = [copy.deepcopy(c) for c in customer if (c[2]["sequence"], c[2]["dimension"]) in kept]
    return {
        "name": _("Quick check (small customers)"),
        "partner_role": "customer",
        "depth": "quick",
        "sequence": 20,
        "criterion_ids": criteria,
        "weight_character": 40,
        "weight_capacity": 30,
        "weight_capital": 0,
        "weight_collateral": 15,
        "weight_conditions": 15,
    }
