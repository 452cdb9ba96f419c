from . import smec_guard_mixin
