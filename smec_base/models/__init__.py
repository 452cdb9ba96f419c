from . import smec_guard_mixin
from . import smec_reference_mixin
from . import smec_evidence_mixin
from . import ir_attachment
from . import ir_http
from . import ir_actions_report
from . import res_partner
