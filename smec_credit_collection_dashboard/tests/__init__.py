from . import test_collection_dashboard
