def post_init_hook(env):
    """Give every existing company the default dunning plan."""
    env["res.company"].search([])._smec_create_default_plan()  # pylint: disable=no-search-all
