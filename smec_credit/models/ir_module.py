from odoo import models


class IrModuleModule(models.Model):
    _inherit = "ir.module.module"

    def _load_module_terms(self, modules, langs, overwrite=False):
        """The default grades, scorecards and aging buckets are made per company in Python, not loaded from data
        files: a language loaded now gives them their translations too."""
        res = super()._load_module_terms(modules, langs, overwrite=overwrite)
        if "smec_credit" in modules and "smec.credit.grade" in self.env:
            self.env["res.company"].sudo().search([])._smec_translate_defaults(langs)  # pylint: disable=no-search-all
        return res
