"""19.0.1.2.0: aging buckets and provision rates were two comma-separated texts
on the company; they are bucket records now. Each company gets its buckets from
its texts (read from their columns, still there until the update ends), with the
labels the aging showed and each bucket's rate.

Since 19.0.1.13.0 the buckets are smec_credit_receivable's, which an update loads after smec_credit: a
database older than 19.0.1.2.0 is upgraded through a release before 19.0.1.13.0 first (its texts would be
lost), and this says so.
"""

import logging

from odoo import SUPERUSER_ID, api

_logger = logging.getLogger(__name__)


def _old_texts(cr):
    """{company_id: (buckets text, rates text)} from the columns of earlier versions."""
    cr.execute(
        """
        SELECT COUNT(*) FROM information_schema.columns
         WHERE table_name = 'res_company' AND column_name IN ('smec_aging_buckets', 'smec_provision_rates')
        """
    )
    if cr.fetchone()[0] != 2:
        return {}
    cr.execute("SELECT id, smec_aging_buckets, smec_provision_rates FROM res_company")
    return {company_id: (buckets, rates) for company_id, buckets, rates in cr.fetchall()}


def _bucket_values(env, company, buckets, rates):
    from odoo.addons.smec_credit_receivable.tools.aging import BucketError, parse_limits  # noqa: PLC0415

    try:
        limits = parse_limits(buckets)
        percents = [float(part) for part in (rates or "").replace(" ", "").split(",") if part]
    except (BucketError, ValueError):
        return None
    if len(percents) != len(limits) + 2:
        return None
    _ = env(context={"lang": company.partner_id.lang or "en_US"})._
    values, low = [{"company_id": company.id, "days_to": 0, "name": _("Current"), "provision_rate": percents[0]}], 1
    for high, rate in zip(limits, percents[1:], strict=False):
        values.append({"company_id": company.id, "days_to": high, "name": f"{low}-{high}", "provision_rate": rate})
        low = high + 1
    values.append(
        {"company_id": company.id, "is_last": True, "name": _("Over %s", limits[-1]), "provision_rate": percents[-1]}
    )
    return values


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    if "smec.credit.aging.bucket" not in env:
        _logger.error(
            "smec_credit_receivable is not loaded: the companies' aging bucket texts of a version before 19.0.1.2.0 "
            "are not converted; upgrade through a release before 19.0.1.13.0 first"
        )
        return
    Bucket = env["smec.credit.aging.bucket"]
    texts = _old_texts(cr)
    for company in env["res.company"].search([]).filtered(lambda c: not c.smec_aging_bucket_ids):
        values = _bucket_values(env, company, *texts[company.id]) if company.id in texts else None
        Bucket.create(values or Bucket._default_values(company))
