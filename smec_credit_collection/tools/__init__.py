from . import periods
from . import rmb_words
