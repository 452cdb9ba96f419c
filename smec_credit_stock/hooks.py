from odoo.addons.smec_credit.tools.check_function import drop_check_functions


def post_init_hook(env):
    """Deliveries stop where orders are held: the company's order hold days."""
    env.cr.execute("UPDATE res_company SET smec_stop_shipping_days = smec_block_overdue_days")


def uninstall_hook(env):
    drop_check_functions(env.cr, env.registry["smec.credit.delivery.check"]._DELIVERY_CHECK_FUNCTIONS)
