"""The credit checks' database functions: the order check's (``smec.credit.order.check``)
and the delivery check's (``smec_credit_stock``), each one statement that PL/pgSQL plans
once per connection, run company by company."""

from odoo.tools import SQL


def drop_check_functions(cr, names):
    """Drop every version of the functions ``names``, whatever their arguments
    (an earlier definition's may differ from today's, and ``CREATE OR REPLACE``
    cannot change what a function returns): before they are created again at
    each install and update, and at uninstall."""
    cr.execute(
        SQL(
            """
            DO $drop$
            DECLARE f regprocedure;
            BEGIN
                FOR f IN SELECT oid::regprocedure FROM pg_proc WHERE proname = ANY(%s) LOOP
                    EXECUTE 'DROP FUNCTION ' || f;
                END LOOP;
            END
            $drop$;
            """,
            list(names),
        )
    )


def create_check_function(cr, name, arguments, columns, companies, query):
    """Create the function ``name(arguments)`` returning the table ``columns``
    ([(column, type)]): for each company id ``companies`` (a SELECT over the
    function's arguments) yields in order, the rows of ``query`` (SQL that reads
    the arguments as $1, $2... and the company as the variable ``v_company``).
    Planned once per connection: a plan made for some records' values is no
    better, the statement only follows indexes from the records."""
    body = cr.mogrify(query.code, query.params).decode()
    table = ", ".join(f"{column} {kind}" for column, kind in columns)
    # the definition is ours alone: no user input reaches it
    cr.execute(  # pylint: disable=sql-injection
        f"""
        CREATE FUNCTION {name}({arguments})
        RETURNS TABLE ({table})
        LANGUAGE plpgsql
        SET plan_cache_mode = force_generic_plan
        AS $fn$
        #variable_conflict use_column
        DECLARE
            v_company integer;
        BEGIN
            -- company by company, in id order, as the lock rows are taken
            FOR v_company IN {companies}
            LOOP
                RETURN QUERY {body};
            END LOOP;
        END
        $fn$
        """
    )
