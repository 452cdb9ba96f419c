from . import controllers
from . import demo
from . import models
