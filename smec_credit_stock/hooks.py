def post_init_hook(env):
    """Deliveries stop where orders are held: the company's order hold days."""
    env.cr.execute("UPDATE res_company SET smec_stop_shipping_days = smec_block_overdue_days")


def uninstall_hook(env):
    env.cr.execute(env.registry["smec.credit.delivery.check"]._DROP_DELIVERY_CHECK)
