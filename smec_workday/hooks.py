def post_init_hook(env):
    """Seed the years the maintained package knows."""
    env["smec.workday.year"]._seed_from_package()
