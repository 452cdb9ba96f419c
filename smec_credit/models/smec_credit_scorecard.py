from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..tools.scoring import DIMENSIONS
from .smec_credit_grade import PARTNER_ROLES


class SmecCreditScorecard(models.Model):
    """A 5C scorecard: the weight of each C and its criteria."""

    _name = "smec.credit.scorecard"
    _description = "Credit Scorecard"
    _order = "company_id, partner_role, sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    partner_role = fields.Selection(PARTNER_ROLES, required=True, default="customer")
    depth = fields.Selection(
        [("full", "Full 5C"), ("quick", "Quick check")],
        required=True,
        default="full",
        help="Quick check: for customers under the company's threshold of expected yearly sales (Credit settings), "
        "unless a tag asks for the full 5C.",
    )
    weight_character = fields.Integer(string="Character (%)", default=30)
    weight_capacity = fields.Integer(string="Capacity (%)", default=25)
    weight_capital = fields.Integer(string="Capital (%)", default=20)
    weight_collateral = fields.Integer(string="Collateral (%)", default=10)
    weight_conditions = fields.Integer(string="Conditions (%)", default=15)
    weight_total = fields.Integer(compute="_compute_weight_total")
    criterion_ids = fields.One2many("smec.credit.criterion", "scorecard_id", string="Criteria", copy=True)
    # versions: a card's weights change by a new version (a copy), the earlier one archived; the assessments keep
    # the card, so the version, they were scored with
    version = fields.Integer(default=1, readonly=True, copy=False)
    previous_version_id = fields.Many2one("smec.credit.scorecard", readonly=True, copy=False, index="btree_not_null")

    _weights_positive = models.Constraint(
        "CHECK(weight_character >= 0 AND weight_capacity >= 0 AND weight_capital >= 0 "
        "AND weight_collateral >= 0 AND weight_conditions >= 0)",
        "The weight of a C cannot be negative.",
    )

    @api.depends(*(f"weight_{dim}" for dim in DIMENSIONS))
    def _compute_weight_total(self):
        for card in self:
            card.weight_total = sum(card[f"weight_{dim}"] for dim in DIMENSIONS)

    @api.constrains(*(f"weight_{dim}" for dim in DIMENSIONS))
    def _check_weights_sum(self):
        for card in self:
            if card.weight_total != 100:
                raise ValidationError(
                    _(
                        "The weights of the five Cs of scorecard %(name)s add up to %(total)s %%: they must add up "
                        "to 100 %%.",
                        name=card.name,
                        total=card.weight_total,
                    )
                )

    def _dimension_weights(self):
        self.ensure_one()
        return {dim: self[f"weight_{dim}"] for dim in DIMENSIONS}

    @api.model
    def _default_for(self, company, role, partner=None):
        """The scorecard of a new assessment: the quick check for a customer the company evaluates quickly
        (``res.partner._smec_quick_check``), the full 5C card otherwise."""
        cards = self.search([("company_id", "=", company.id), ("partner_role", "=", role)])
        quick = bool(partner) and role == "customer" and partner._smec_quick_check(company)
        wanted = cards.filtered(lambda c: c.depth == ("quick" if quick else "full"))
        return (wanted or cards)[:1]
