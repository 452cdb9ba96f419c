def post_init_hook(env):
    """Give every existing company its default scorecards and grades."""
    env["res.company"].search([])._smec_create_default_policies()


def uninstall_hook(env):
    """Remove what SMEC Credit keeps outside the ORM. The triggers go first:
    left behind, they would make every journal item write fail."""
    env.cr.execute(
        """
        DROP TRIGGER IF EXISTS smec_credit_receivable_balance_ins ON account_move_line;
        DROP TRIGGER IF EXISTS smec_credit_receivable_balance_upd ON account_move_line;
        DROP TRIGGER IF EXISTS smec_credit_receivable_balance_del ON account_move_line;
        DROP TRIGGER IF EXISTS smec_credit_receivable_balance_account ON account_account;
        DROP VIEW IF EXISTS smec_credit_exposure_report;
        DROP FUNCTION IF EXISTS smec_credit_receivable_balance_apply();
        DROP FUNCTION IF EXISTS smec_credit_receivable_balance_rebuild();
        DROP FUNCTION IF EXISTS smec_credit_receivable_balance_rebuild_all();
        DROP TABLE IF EXISTS smec_credit_receivable_balance;
        DROP TABLE IF EXISTS smec_credit_partner_lock;
        """
    )
    env.cr.execute(env.registry["smec.credit.exposure"]._DROP_ORDER_CHECK)
