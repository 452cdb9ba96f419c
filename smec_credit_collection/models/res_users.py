from odoo import api, models


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model
    def _smec_people(self, users, company):
        """The people among ``users`` who can follow up a customer of
        ``company``: active internal users of the company, not OdooBot."""
        root = self.env.ref("base.user_root", raise_if_not_found=False)
        return (
            users.sudo()
            .filtered(lambda u: u.active and not u.share and u != root and company in u.company_ids)
            .with_env(self.env)
        )

    @api.model
    def _smec_collection_managers(self, company):
        """The Collection Managers of ``company``, the administrator last (the
        account that installed Odoo is rarely the one who manages collection)."""
        group = self.env.ref("smec_credit_collection.group_collection_manager")
        admin = self.env.ref("base.user_admin", raise_if_not_found=False)
        managers = self._smec_people(group.sudo().all_user_ids, company)
        return managers.sorted(lambda u: (u == admin, u.id))
