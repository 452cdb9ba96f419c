"""Images are measured from their header before anything decodes them: a file of
a few bytes can claim 20,000 x 20,000 pixels, and decoding it (Odoo resizes every
uploaded image) takes gigabytes, which PIL refuses with an error no one catches."""

import base64
import binascii

from odoo import _, models
from odoo.exceptions import UserError

from ..tools.public_input import image_size

# as Odoo's own limit for the images it processes (odoo.tools.image.IMAGE_MAX_RESOLUTION)
MAX_IMAGE_PIXELS = 50_000_000


def image_header_size(name, content):
    """(width, height) of an image file read from its header only, or None when PIL
    does not read it as an image; a ``UserError`` naming the file when it claims more
    than ``MAX_IMAGE_PIXELS``."""
    size = image_size(content or b"")
    if size and size[0] * size[1] > MAX_IMAGE_PIXELS:
        raise UserError(
            _(
                "%(file)s claims more than %(max)s million pixels: send the image at a normal size.",
                file=name,
                max=MAX_IMAGE_PIXELS // 1_000_000,
            )
        )
    return size


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    def _postprocess_contents(self, values):
        mimetype = self._compute_mimetype(values)
        if mimetype.startswith("image/") and (values.get("raw") or values.get("datas")):
            content = values.get("raw")
            if not content:
                try:
                    content = base64.b64decode(values["datas"])
                except (binascii.Error, TypeError, ValueError):
                    content = b""
            if isinstance(content, str):
                content = content.encode()
            image_header_size(values.get("name") or _("The image"), content)
        return super()._postprocess_contents(values)
