from odoo import _, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _smec_letterhead_registration(self):
        """The line of a letterhead that identifies the partner to the authorities: a Chinese company's
        unified social credit code (its taxpayer number), else its tax ID under its country's name for
        it; empty without one. ``smec_credit`` reads its own USCC field first."""
        self.ensure_one()
        if not self.vat:
            return ""
        if self.country_id.code == "CN":
            return _("Unified Social Credit Code: %s", self.vat)
        return _("%(label)s: %(code)s", label=self.country_id.vat_label or _("Tax ID"), code=self.vat)
