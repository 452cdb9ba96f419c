from odoo import api, models


class SmecCreditReviewDemo(models.AbstractModel):
    """Demo data only: the demo wholesaler's customer scorecard reviewed on the demo's day. Its customers were
    all assessed on that day, so no customer has a horizon behind its grade: the review says that nothing
    can be concluded of the grades yet, and keeps today's scores as the baseline of the next review."""

    _name = "smec.credit.review.demo"
    _description = "Scorecard Review Demo"

    @api.model
    def _smec_demo_reviews(self):
        company = self.env.company
        card = self.env["smec.credit.scorecard"]._default_for(company, "customer")
        Review = self.env["smec.credit.review"]
        review = Review.create({"scorecard_id": card.id})
        review.action_run()
        return review
