def post_init_hook(env):
    """Give every existing company the default dunning plan."""
    companies = env["res.company"].search([])  # pylint: disable=no-search-all
    companies._smec_create_default_plan()
    companies._smec_add_collection_criteria()


def uninstall_hook(env):
    """The order check's database function reads the dispute lines: rebuilt
    without them before their table goes."""
    env["smec.credit.order.check"].with_context(smec_collection_uninstall=True)._init_order_check()
