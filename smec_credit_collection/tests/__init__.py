from . import test_collection
