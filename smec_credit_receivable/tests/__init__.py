from . import test_aging
from . import test_aging_pdf
from . import test_provision
from . import test_kpi
from . import test_industry_figures
from . import test_receivable_of_core
from . import test_chart_accounts
