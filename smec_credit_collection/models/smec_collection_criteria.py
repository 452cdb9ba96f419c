"""The Character criteria collection adds to each company's customer scorecard:
disputes (how many, for how much, how they ended) and promises to pay kept."""

from odoo.addons.smec_credit.tools.defaults import _bands, _criterion

SOURCES = ("dispute_count", "dispute_amount_share", "dispute_rejected_count", "promise_kept_share")


def collection_criteria(_):
    """``_``: the caller's translation function (``env._``)."""
    return [
        _criterion(
            "character",
            _("Disputes in the last 12 months"),
            20,
            "number",
            "dispute_count",
            options=_bands(
                (_("None"), None, 0.5, 100),
                (_("One"), 0.5, 1.5, 70),
                (_("Two or three"), 1.5, 3.5, 40),
                (_("Four and more"), 3.5, None, 10),
            ),
        ),
        _criterion(
            "character",
            _("Disputed amount, share of 12 months' sales"),
            21,
            "number",
            "dispute_amount_share",
            "%",
            _bands(
                (_("Under 1 %"), None, 1, 100),
                (_("1-5 %"), 1, 5, 70),
                (_("5-15 %"), 5, 15, 40),
                (_("15 % and more"), 15, None, 10),
            ),
        ),
        _criterion(
            "character",
            _("Disputes rejected or withdrawn"),
            22,
            "number",
            "dispute_rejected_count",
            options=_bands((_("None"), None, 0.5, 100), (_("One"), 0.5, 1.5, 60), (_("Two and more"), 1.5, None, 20)),
        ),
        _criterion(
            "character",
            _("Promises to pay kept"),
            23,
            "number",
            "promise_kept_share",
            "%",
            _bands(
                (_("90 % and more"), 90, None, 100),
                (_("70-90 %"), 70, 90, 70),
                (_("40-70 %"), 40, 70, 40),
                (_("Under 40 %"), None, 40, 10),
            ),
        ),
    ]
