from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

CUSTOMER_TYPES = [
    ("default", "Default"),
    ("owner", "Small-business owner"),
    ("large", "Large company (finance department)"),
]


class SmecCollectionPlan(models.Model):
    """An ordered list of dunning stages. A partner follows the plan set on it by
    hand, else the first plan of its grade, else of its customer type, else the
    company's default plan."""

    _name = "smec.collection.plan"
    _description = "Dunning Plan"
    _order = "company_id, sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    is_default = fields.Boolean(string="Default Plan", help="The plan of partners that no other plan matches.")
    grade_ids = fields.Many2many(
        "smec.credit.grade",
        string="For Grades",
        domain="[('company_id', '=', company_id), ('partner_role', '=', 'customer')]",
        check_company=True,
    )
    customer_type = fields.Selection(CUSTOMER_TYPES[1:], help="Partners of this type follow this plan.")
    stage_ids = fields.One2many("smec.collection.stage", "plan_id", string="Stages")
    stage_count = fields.Integer(compute="_compute_stage_count")

    _default_unique = models.UniqueIndex(
        "(company_id) WHERE is_default AND active", "A company has one default dunning plan."
    )

    @api.depends("stage_ids")
    def _compute_stage_count(self):
        for plan in self:
            plan.stage_count = len(plan.stage_ids)

    @api.model_create_multi
    def create(self, vals_list):
        plans = super().create(vals_list)
        plans._check_has_stages()
        return plans

    def write(self, vals):
        res = super().write(vals)
        if "stage_ids" in vals or vals.get("active"):
            self._check_has_stages()
        return res

    def _check_has_stages(self):
        empty = self.filtered(lambda p: p.active and not p.stage_ids.filtered("active"))
        if empty:
            raise ValidationError(
                _(
                    "The dunning plan %(plans)s has no active stage: add its stages before saving it, or archive it.",
                    plans=", ".join(empty.mapped("display_name")),
                )
            )
