def post_init_hook(env):
    """Give every existing company the default dunning stages."""
    env["res.company"].search([])._smec_create_default_stages()  # pylint: disable=no-search-all
