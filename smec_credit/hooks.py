def post_init_hook(env):
    """Give every existing company its default scorecards and grades."""
    env["res.company"].search([])._smec_create_default_policies()
