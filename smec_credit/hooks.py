from .tools.check_function import drop_check_functions


def post_init_hook(env):
    """Give every existing company its default scorecards and grades."""
    companies = env["res.company"].search([])
    companies._smec_create_default_policies()


def uninstall_hook(env):
    """Remove what SMEC Credit keeps outside the ORM: the kept balance's
    triggers (left behind, they would make every journal item write fail), its
    functions and table, the lock rows and the order check function."""
    env["smec.credit.receivable.balance"]._drop_all()
    env.cr.execute("DROP TABLE IF EXISTS smec_credit_partner_lock")
    drop_check_functions(env.cr, env.registry["smec.credit.order.check"]._ORDER_CHECK_FUNCTIONS)
