"""QR codes: decode a canvas PNG to its payload, and draw a payload for a terminal."""

from __future__ import annotations

import base64
import io

import segno
import zxingcpp
from PIL import Image

PNG_DATA_URL_PREFIX = "data:image/png;base64,"


def png_from_data_url(data_url: str) -> bytes:
    if not data_url.startswith(PNG_DATA_URL_PREFIX):
        raise ValueError("not a PNG data URL")
    return base64.b64decode(data_url[len(PNG_DATA_URL_PREFIX) :])


def decode_qr(png: bytes) -> str | None:
    """The text of the first QR code in the image, or None if none can be read."""
    image: Image.Image = Image.open(io.BytesIO(png))
    image.load()
    if image.mode in ("RGBA", "LA", "P"):
        # A transparent canvas background reads as black; put it on white first.
        background = Image.new("RGB", image.size, "white")
        background.paste(image.convert("RGBA"), mask=image.convert("RGBA").split()[3])
        image = background
    for barcode in zxingcpp.read_barcodes(
        image, formats=zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)
    ):
        if barcode.valid and barcode.text:
            return str(barcode.text)
    return None


def decode_data_url(data_url: str) -> str | None:
    return decode_qr(png_from_data_url(data_url))


def terminal_qr(payload: str) -> str:
    """The QR as text blocks, small enough to scan from a terminal."""
    buffer = io.StringIO()
    segno.make_qr(payload, error="m").terminal(out=buffer, compact=True, border=2)
    return buffer.getvalue()
