from odoo import models


class IrModuleModule(models.Model):
    _inherit = "ir.module.module"

    def _load_module_terms(self, modules, langs, overwrite=False):
        res = super()._load_module_terms(modules, langs, overwrite=overwrite)
        if "smec_credit_collection" in modules and "smec.collection.stage" in self.env:
            self.env["smec.collection.stage"]._smec_translate_defaults(langs)
        return res
