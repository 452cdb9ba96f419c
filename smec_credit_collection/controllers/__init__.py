from . import portal
from . import letters
