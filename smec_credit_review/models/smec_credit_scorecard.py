from odoo import _, fields, models


class SmecCreditScorecard(models.Model):
    _inherit = "smec.credit.scorecard"

    review_ids = fields.One2many("smec.credit.review", "scorecard_id", string="Reviews")
    review_count = fields.Integer(compute="_compute_review_count")

    def _compute_review_count(self):
        groups = self.env["smec.credit.review"]._read_group(
            [("scorecard_id", "in", self.ids)], ["scorecard_id"], ["__count"]
        )
        counts = {card.id: count for card, count in groups}
        for card in self:
            card.review_count = counts.get(card.id, 0)

    def action_open_reviews(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Reviews"),
            "res_model": "smec.credit.review",
            "view_mode": "list,form",
            "domain": [("scorecard_id", "=", self.id)],
            "context": {"default_scorecard_id": self.id},
        }


class SmecCreditCriterion(models.Model):
    _inherit = "smec.credit.criterion"

    review_origin_id = fields.Many2one(
        "smec.credit.criterion",
        string="Same criterion as",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The criterion of the first version of the scorecard this one continues: a review compares the "
        "answers of every version by it.",
    )

    def _review_origin(self):
        self.ensure_one()
        return self.review_origin_id or self
