"""Values a public or portal route receives, read without ever failing.

A route reachable from the internet gets any bytes: no value, a list where a
string was expected, ``nan``, ``1e400``, a date in the year 99999, text that is
not UTF-8. Each reader below answers the value, or ``None`` when it is not one
(the route then answers its own clear message); none raises.
"""

import io
import math
import warnings
from datetime import date

from PIL import Image

# the largest amount a form of ours accepts: more than any receivable, within what PostgreSQL's numeric and a
# float represent exactly to the cent
MAX_AMOUNT = 10**12


def to_text(value, limit=1000):
    """A string of at most ``limit`` characters, stripped; ``None`` if not text."""
    if isinstance(value, bytes):
        value = value.decode("utf-8", errors="replace")
    if not isinstance(value, str):
        return None
    return value.strip()[:limit]


def to_amount(value):
    """A finite amount above zero and at most MAX_AMOUNT, or ``None``."""
    if isinstance(value, bool) or not isinstance(value, (str, bytes, int, float)):
        return None
    try:
        amount = float(to_text(value) if isinstance(value, (str, bytes)) else value)
    except (TypeError, ValueError, OverflowError):
        return None
    if not math.isfinite(amount) or not 0 < amount <= MAX_AMOUNT:
        return None
    return amount


def to_date(value):
    """A date written YYYY-MM-DD, or ``None``."""
    text = to_text(value, limit=10)
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def to_id(value):
    """A database id (a positive 32-bit integer), or ``None``."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (str, bytes)):
        text = to_text(value, limit=12)
        value = int(text) if text and text.isascii() and text.isdigit() else None
    if isinstance(value, int) and 0 < value < 2**31:
        return value
    return None


def image_size(raw):
    """(width, height) that the image ``raw`` (bytes) says it has, read from its header
    without decoding it (``(math.inf, math.inf)`` for a header PIL itself calls a
    decompression bomb); ``None`` when it is not an image PIL reads."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(raw)) as image:
                return image.size
    except Image.DecompressionBombError:
        return math.inf, math.inf
    except Exception:  # whatever PIL cannot read is not an image
        return None


def image_pixels(raw):
    """The number of pixels the image ``raw`` (bytes) says it has, read from its
    header without decoding it (``math.inf`` for a header PIL itself calls a
    decompression bomb); ``None`` when it is not an image PIL reads. Check it
    against a limit before handing the image to anything that decodes it, as
    Odoo's image fields do."""
    size = image_size(raw)
    return size and size[0] * size[1]
