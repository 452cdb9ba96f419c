from odoo import api, models


class SmecCreditReviewDemo(models.AbstractModel):
    """Demo data only: the demo wholesaler's customer scorecard reviewed on the demo's day. Its history is a
    year long, so the review with the default horizon (12 months) finds no customer graded long enough ago,
    and one with a 3-month horizon and 60 days past due finds too few: each says what it can and cannot
    conclude."""

    _name = "smec.credit.review.demo"
    _description = "Scorecard Review Demo"

    @api.model
    def _smec_demo_reviews(self):
        company = self.env.company
        card = self.env["smec.credit.scorecard"]._default_for(company, "customer")
        Review = self.env["smec.credit.review"]
        reviews = Review.create(
            [
                {"scorecard_id": card.id},
                {"scorecard_id": card.id, "horizon_months": 3, "days_past_due": "60", "sample_months": 12},
            ]
        )
        reviews.action_run()
        return reviews
