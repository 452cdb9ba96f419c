from . import smec_collection_run
