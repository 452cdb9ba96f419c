def post_init_hook(env):
    """Give every existing company its default aging buckets, labelled in its installed languages."""
    env["res.company"].search([])._smec_create_default_policies()
