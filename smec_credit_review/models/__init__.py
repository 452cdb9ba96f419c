from . import smec_credit_review
from . import smec_credit_review_outcomes
from . import smec_credit_review_engine
from . import smec_credit_review_proposal
from . import smec_credit_review_conclusion
from . import smec_credit_review_xlsx
from . import smec_credit_review_line
from . import smec_credit_scorecard
