from . import test_dunning_rule
