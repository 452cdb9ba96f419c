from . import public_input
from . import pdf_text
from . import downloads
