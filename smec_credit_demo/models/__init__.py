from . import res_users
from . import smec_credit_demo
from . import smec_credit_demo_company
from . import smec_credit_demo_ledger
from . import smec_credit_demo_stock
from . import smec_collection_demo
from . import smec_credit_review_demo
from . import smec_training_demo
