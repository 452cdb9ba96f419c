from odoo import models


class IrModuleModule(models.Model):
    _inherit = "ir.module.module"

    def _load_module_terms(self, modules, langs, overwrite=False):
        """The default plan's stages (their wording and call scripts) are made per company in Python, not
        loaded from data files: a language loaded now gives them their translations too.

        EXTENDS base's private method, as account (its charts of accounts) and website do: core has no public
        hook for records a module makes in Python when a language is loaded or updated."""
        res = super()._load_module_terms(modules, langs, overwrite=overwrite)
        if "smec_credit_collection" in modules and "smec.collection.stage" in self.env:
            self.env["smec.collection.stage"]._smec_translate_defaults(langs)
        return res
