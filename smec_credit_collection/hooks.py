def post_init_hook(env):
    """Give every existing company the default dunning plan."""
    env["res.company"].search([])._smec_create_default_plan()  # pylint: disable=no-search-all


def uninstall_hook(env):
    """The order check's database function reads the dispute lines: rebuilt
    without them before their table goes."""
    env["smec.credit.order.check"].with_context(smec_collection_uninstall=True)._init_order_check()
