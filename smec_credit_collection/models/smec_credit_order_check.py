from odoo import models


class SmecCreditOrderCheck(models.AbstractModel):
    """The order check's database function is rebuilt when collection is
    installed or updated, so that it reads the disputed parts of invoices
    (``smec.credit.exposure._overdue_excused_sql``), and without them when
    collection is uninstalled (``hooks.uninstall_hook``). Extending the model
    here is what makes Odoo run its ``init()`` when this module is installed
    or updated: nothing to override."""

    _inherit = "smec.credit.order.check"
