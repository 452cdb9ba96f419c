from odoo import _, api, fields, models


class SmecTrainingClass(models.Model):
    """A class of the credit-manager programme (online, on site, or both)."""

    _name = "smec.training.class"
    _description = "Training Class"
    _inherit = ["mail.thread"]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    code = fields.Char(readonly=True, copy=False, default=lambda self: _("New"))
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    date_start = fields.Date(required=True, tracking=True)
    date_end = fields.Date(required=True, tracking=True)
    mode = fields.Selection(
        [("online", "Online"), ("onsite", "On site"), ("blended", "Online + on site")],
        required=True,
        default="blended",
    )
    location = fields.Char()
    capacity = fields.Integer(help="0: no limit.")
    officer_id = fields.Many2one("res.users", string="Training Officer", default=lambda self: self.env.user)
    enrolment_ids = fields.One2many("smec.training.enrolment", "class_id", string="Enrolments")
    enrolled_count = fields.Integer(compute="_compute_enrolled_count", store=True)
    state = fields.Selection(
        [("draft", "Planned"), ("open", "Open for enrolment"), ("running", "Running"), ("done", "Done")],
        default="draft",
        required=True,
        tracking=True,
    )

    _dates_ordered = models.Constraint("CHECK(date_end >= date_start)", "A class cannot end before it starts.")
    _capacity_positive = models.Constraint("CHECK(capacity >= 0)", "The capacity cannot be negative.")

    @api.depends("enrolment_ids.state")
    def _compute_enrolled_count(self):
        for training_class in self:
            training_class.enrolled_count = len(
                training_class.enrolment_ids.filtered(lambda e: e.state in ("submitted", "accepted"))
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("code", _("New")) == _("New"):
                vals["code"] = self.env["ir.sequence"].next_by_code("smec.training.class") or _("New")
        return super().create(vals_list)
