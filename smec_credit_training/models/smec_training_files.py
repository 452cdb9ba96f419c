"""Files filed on a training record (an enrolment's documents, a lesson's materials,
a session's case, a trainee's exam work) are that record's: an upload made before
the record was saved has no record yet (the upload widget sends record id 0, and
only its uploader could read it); once linked it moves onto the record, so that
whoever may read the record reads its files. A file of another record, or another
user's upload, is refused: linking it would take it from its owner."""

from odoo import _, api, models
from odoo.exceptions import ValidationError


class SmecTrainingFilesMixin(models.AbstractModel):
    _name = "smec.training.files.mixin"
    _description = "Files Belong to Their Training Record"

    # the many2many fields to ir.attachment whose files are the record's
    _smec_file_fields = ()

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records._adopt_files()
        return records

    def write(self, vals):
        result = super().write(vals)
        if set(self._smec_file_fields) & set(vals):
            self._adopt_files()
        return result

    def _adopt_files(self):
        for record in self:
            files = self.env["ir.attachment"].sudo()
            for field in self._smec_file_fields:
                files |= record.sudo()[field]
            for attachment in files:
                if attachment.res_model == self._name and attachment.res_id == record.id:
                    continue
                loose = not attachment.res_id and attachment.res_model in (False, self._name)
                if not loose or (not self.env.su and attachment.create_uid != self.env.user):
                    raise ValidationError(
                        _("%(file)s is a file of another record: upload it again here.", file=attachment.name)
                    )
            files.filtered(lambda a, r=record: (a.res_model, a.res_id) != (self._name, r.id)).write(
                {"res_model": self._name, "res_id": record.id}
            )
