"""What a training centre prints on its certificates, set once by an administrator:
its public address (the QR code's verification page), its seal and the signature
of who signs them."""

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    smec_training_public_url = fields.Char(
        string="Public Verification Address",
        help="The centre's public web address, e.g. https://training.example.org: each certificate's QR code points "
        "at its verification page there, frozen when it is issued. Never the address someone logged in from.",
    )
    smec_training_seal = fields.Image(string="Centre's Seal", max_width=600, max_height=600)
    smec_training_signature = fields.Image(string="Certificate Signature", max_width=600, max_height=300)
    smec_training_signatory = fields.Char(string="Signed by", help="Name and title under the signature.")

    @api.constrains("smec_training_public_url")
    def _check_smec_training_public_url(self):
        for company in self.filtered("smec_training_public_url"):
            url = company.smec_training_public_url
            if not url.startswith(("https://", "http://")) or any(ch in url for ch in " ?#\"'<>") or len(url) > 200:
                raise ValidationError(
                    _("%(url)s is not a web address: write it as https://training.example.org.", url=url)
                )

    def write(self, vals):
        if vals.get("smec_training_public_url"):
            vals = {**vals, "smec_training_public_url": vals["smec_training_public_url"].strip().rstrip("/")}
        return super().write(vals)


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    smec_training_public_url = fields.Char(related="company_id.smec_training_public_url", readonly=False)
    smec_training_seal = fields.Image(related="company_id.smec_training_seal", readonly=False)
    smec_training_signature = fields.Image(
        related="company_id.smec_training_signature", string="Certificate Signature", readonly=False
    )
    smec_training_signatory = fields.Char(related="company_id.smec_training_signatory", readonly=False)
