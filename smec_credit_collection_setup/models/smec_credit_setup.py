"""The credit set-up's dunning part: each business profile paces the
company's default dunning plan (the days of its stages), shown beside today's
days and applied with the rest of the set-up."""

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class SmecCreditProfile(models.Model):
    _inherit = "smec.credit.profile"

    dunning_days = fields.Char(
        string="Dunning Stage Days",
        help="The days of the default dunning plan's stages, in order, negative before the due date: "
        "e.g. -3,7,30,60,90. Empty: the plan is left as it is.",
    )

    @api.constrains("dunning_days")
    def _check_dunning_days(self):
        for profile in self:
            profile._dunning_day_values()

    def _dunning_day_values(self):
        self.ensure_one()
        if not self.dunning_days:
            return []
        try:
            days = [int(part) for part in self.dunning_days.split(",")]
        except ValueError:
            raise ValidationError(
                _("Profile %(name)s: write the dunning stage days as numbers, e.g. -3,7,30,60,90.", name=self.name)
            ) from None
        if days != sorted(set(days)):
            raise ValidationError(
                _("Profile %(name)s: dunning stage days rise from one stage to the next.", name=self.name)
            )
        return days


class SmecCreditSetup(models.Model):
    _inherit = "smec.credit.setup"

    def action_apply(self):
        """Stage days are unique in a plan: the stages that move first leave their days (a moment on days no stage
        has), so that 60 -> 90 and 90 -> 120 can be applied one after the other."""
        self._check_manager()
        moving = self.line_ids.filtered(
            lambda line: (
                line.res_model == "smec.collection.stage"
                and line.setup_id.state == "draft"
                and (line.confirmed or not line.needs_confirm)
            )
        )
        for line in moving:
            stage = self.env["smec.collection.stage"].sudo().browse(line.res_id)
            if stage.company_id == line.setup_id.company_id:
                stage.days_overdue = -1000000 - stage.id
        self.env["smec.collection.stage"].flush_model(["days_overdue"])
        return super().action_apply()

    @api.model
    def _smec_writable(self):
        return {**super()._smec_writable(), "smec.collection.stage": ("days_overdue",)}

    def _smec_changes(self):
        changes = super()._smec_changes()
        days = self.profile_id._dunning_day_values()
        if not days:
            return changes
        plan = (
            self.env["smec.collection.plan"]
            .sudo()
            .search([("company_id", "=", self.company_id.id), ("is_default", "=", True)], limit=1)
        )
        stages = plan.stage_ids.sorted("days_overdue")
        area = _("Dunning")
        if len(stages) != len(days):
            changes.append(
                {
                    "kind": "info",
                    "area": area,
                    "label": plan.display_name or _("Default dunning plan"),
                    "current": _("%s stages", len(stages)),
                    "proposed": _("Unchanged: the profile paces a plan of %s stages", len(days)),
                }
            )
            return changes
        for stage, day in zip(stages, days, strict=True):
            change = self._field_change(area, stage, "days_overdue", day)
            if change:
                changes.append(
                    {**change, "label": f"{plan.display_name} / {stage.name}: {change['label'].split(': ', 1)[-1]}"}
                )
        return changes
