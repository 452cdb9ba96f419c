from . import smec_guard_mixin
from . import res_users
