from odoo import fields, models


class SmecCollectionStage(models.Model):
    """A dunning stage of the compliant sequence: friendly negotiation, formal
    demand letter, third-party assistance, legal preparation."""

    _name = "smec.collection.stage"
    _description = "Dunning Stage"
    _order = "company_id, days_overdue, sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    days_overdue = fields.Integer(required=True, help="The stage applies from this many days past the due date.")
    action_type = fields.Selection(
        [("email", "Email"), ("call", "Phone call"), ("letter", "Formal letter"), ("legal", "Legal preparation")],
        required=True,
        default="email",
    )
    tone = fields.Selection(
        [
            ("relationship", "Long-term relationship (owner of a small business)"),
            ("finance", "Finance department (large company)"),
        ],
        default="relationship",
        help="How the message is written: to the owner, stress the relationship; to a large company, "
        "address its finance department.",
    )
    mail_template_id = fields.Many2one("mail.template", domain="[('model', '=', 'res.partner')]")
    description = fields.Text(translate=True)

    _days_positive = models.Constraint("CHECK(days_overdue >= 0)", "Days overdue cannot be negative.")
    _days_company_unique = models.UniqueIndex(
        "(company_id, days_overdue) WHERE active", "Two active stages of a company cannot start on the same day."
    )
