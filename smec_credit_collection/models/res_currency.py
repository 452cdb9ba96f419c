from odoo import models

from ..tools.rmb_words import amount_in_words


class ResCurrency(models.Model):
    _inherit = "res.currency"

    def _smec_amount_in_words(self, amount):
        """``amount`` in capital Chinese numerals (大写金额) as a formal letter or statement in yuan gives it beside
        the figures (人民币壹万贰仟叁佰肆拾伍元陆角柒分), or "" when there is none to give: in another currency,
        or for a credit balance (a negative amount has no capital form)."""
        self.ensure_one()
        if self.name != "CNY" or self.compare_amounts(amount, 0) < 0:
            return ""
        return amount_in_words(self.round(amount))
