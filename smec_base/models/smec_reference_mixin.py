"""Records a user names must be records the user may read.

A field that names another record lets a user point at any record of the
database: a model and an id (a ``Many2oneReference``), a file (a relation to
``ir.attachment``), or a relation the model declares in
``_smec_readable_fields``. Server code that later reads what is named with full
rights (a report rendered into an evidence bundle, an attachment zipped) would
hand over a record its user may not read: another company's invoice, another
customer's order.

So every record named this way by a user who is not in superuser mode must
exist and be readable by that user (access rights and record rules, other
companies' records included); otherwise the call is refused with an access
error naming the field, and nothing is written. Code that reads the named
records with full rights checks them again as its user first
(``_smec_check_readable``), since access can be lost after the record was
named.

A file the user just uploaded belongs to no record yet, and only its uploader
may read it; named on a record, it becomes that record's file (as the files of
a chatter message become the document's), readable by whoever reads the
record.
"""

from odoo import _, api, fields, models
from odoo.exceptions import AccessError


class SmecReferenceMixin(models.AbstractModel):
    _name = "smec.reference.mixin"
    _description = "Records Named Must Be Readable"

    # relational fields, besides the model-and-id pairs and the files, whose records the user must be able to read
    _smec_readable_fields = frozenset()

    @api.model
    def _smec_reference_fields(self):
        """The fields this rule holds: model-and-id pairs, files, and the declared relations."""
        return [
            name
            for name, field in self._fields.items()
            if field.store
            and (
                field.type == "many2one_reference"
                or (field.type in ("many2one", "many2many") and field.comodel_name == "ir.attachment")
                or name in self._smec_readable_fields
            )
        ]

    # ------------------------------------------------------------
    # CRUD METHODS
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                self._smec_check_named(self.browse(), vals)
        records = super().create(vals_list)
        for record, vals in zip(records, vals_list, strict=True):
            record._smec_adopt_files(vals)
        return records

    def write(self, vals):
        if not self.env.su:
            self._smec_check_named(self, vals)
        result = super().write(vals)
        if len(self) == 1:
            self._smec_adopt_files(vals)
        return result

    def _smec_adopt_files(self, vals):
        """The files ``vals`` names that belong to no record yet become this record's."""
        names = [
            name
            for name in self._smec_reference_fields()
            if name in vals and self._fields[name].comodel_name == "ir.attachment"
        ]
        files = self.env["ir.attachment"].sudo()
        for name in names:
            files |= self.sudo()[name]
        loose = files.filtered(
            lambda a: not a.res_id and not a.res_field and (self.env.su or a.create_uid == self.env.user)
        )
        if loose:
            loose.write({"res_model": self._name, "res_id": self.id})

    # ------------------------------------------------------------
    # THE RULE
    # ------------------------------------------------------------

    def _smec_check_named(self, records, vals):
        """Raises unless every record ``vals`` names is readable (with, for a
        model-and-id pair of which only one half is sent, the other half of
        each of ``records``)."""
        for name in self._smec_reference_fields():
            field = self._fields[name]
            if field.type == "many2one_reference":
                if name not in vals and field.model_field not in vals:
                    continue
                for record in records or [None]:
                    model = (
                        vals[field.model_field] if field.model_field in vals else record and record[field.model_field]
                    )
                    res_id = vals[name] if name in vals else record and record[name]
                    if model and res_id:
                        self._smec_check_records(name, model, [res_id])
            elif name in vals:
                self._smec_check_records(name, field.comodel_name, _command_ids(field, vals[name]))

    def _smec_check_records(self, fname, model, ids):
        ids = [i for i in ids if i]
        if not ids:
            return
        try:
            ids = [int(i) for i in ids]
            records = self.env[model].browse(ids)
            readable = len(records.exists()) == len(set(ids)) and records.has_access("read")
        except (KeyError, TypeError, ValueError, OverflowError):
            readable = False
        if not readable:
            raise AccessError(
                _(
                    "%(field)s of a %(model)s names a record you may not read, or that does not exist.",
                    field=self._fields[fname]._description_string(self.env),
                    model=self._description,
                )
            )

    def _smec_check_readable(self):
        """Before code reads what these records name with full rights: the
        current user may read it all."""
        if self.env.su:
            return
        for record in self:
            for name in record._smec_reference_fields():
                field = record._fields[name]
                if field.type == "many2one_reference":
                    if record[field.model_field] and record[name]:
                        record._smec_check_records(name, record[field.model_field], [record[name]])
                else:
                    record._smec_check_records(name, field.comodel_name, record[name].ids)


def _command_ids(field, value):
    """The ids a relational value links: an id, or the ids of x2many commands
    (records created by the command are the user's own)."""
    if field.type == "many2one":
        return [value] if value else []
    if isinstance(value, (list, tuple)):
        ids = []
        for command in value:
            if isinstance(command, (list, tuple)) and command:
                if command[0] == fields.Command.SET and len(command) > 2:
                    ids += list(command[2] or [])
                elif command[0] == fields.Command.LINK and len(command) > 1:
                    ids.append(command[1])
            elif isinstance(command, int):
                ids.append(command)
        return ids
    return []
