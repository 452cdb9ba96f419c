from datetime import timedelta

from odoo import api, fields, models

# what one client address may do in an hour on the public pages
ATTEMPTS_PER_HOUR = {"verify": 10, "enrol": 10, "form": 20}


class SmecTrainingVerifyAttempt(models.Model):
    """Attempts per client address on the public pages, to limit guessing
    (certificate verification) and flooding (the enrolment form, the blank
    registration form's PDF)."""

    _name = "smec.training.verify.attempt"
    _description = "Public Page Attempt"
    _log_access = False

    address = fields.Char(required=True, index=True)
    kind = fields.Selection(
        [("verify", "Certificate verification"), ("enrol", "Enrolment"), ("form", "Registration form")],
        required=True,
        default="verify",
    )
    at = fields.Datetime(required=True, default=fields.Datetime.now, index=True)

    @api.model
    def _allow(self, address, kind="verify"):
        """Records the attempt; False once the address made its hourly share.

        The attempt is committed at once in a transaction of its own: a request
        that fails afterwards (a refused file, an error) still counts."""
        since = fields.Datetime.now() - timedelta(hours=1)
        address = (address or "unknown")[:64]
        with self.env.registry.cursor() as cr:
            Attempt = self.with_env(self.env(cr=cr, su=True))
            domain = [("address", "=", address), ("kind", "=", kind), ("at", ">", since)]
            allowed = Attempt.search_count(domain) < ATTEMPTS_PER_HOUR[kind]
            if allowed:
                Attempt.create({"address": address, "kind": kind})
        return allowed

    @api.autovacuum
    def _gc_attempts(self):
        self.sudo().search([("at", "<", fields.Datetime.now() - timedelta(days=1))]).unlink()
