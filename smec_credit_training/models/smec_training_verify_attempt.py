from datetime import timedelta

from odoo import api, fields, models

ATTEMPTS_PER_HOUR = 10


class SmecTrainingVerifyAttempt(models.Model):
    """Verification attempts per client address, to limit guessing."""

    _name = "smec.training.verify.attempt"
    _description = "Certificate Verification Attempt"
    _log_access = False

    address = fields.Char(required=True, index=True)
    at = fields.Datetime(required=True, default=fields.Datetime.now, index=True)

    @api.model
    def _allow(self, address):
        """Records the attempt; False once the address made its hourly share."""
        since = fields.Datetime.now() - timedelta(hours=1)
        Attempt = self.sudo()
        if Attempt.search_count([("address", "=", address), ("at", ">", since)]) >= ATTEMPTS_PER_HOUR:
            return False
        Attempt.create({"address": address})
        return True

    @api.autovacuum
    def _gc_attempts(self):
        self.sudo().search([("at", "<", fields.Datetime.now() - timedelta(days=1))]).unlink()
