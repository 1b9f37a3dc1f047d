"""A tipster's photo: checked, stripped of everything but its pixels, stored by SHA-256.

A phone photo carries far more than the picture: EXIF holds the GPS position where it was
taken, the time, the phone's make, model and often its serial number; XMP and comments can
hold the owner's name. Any of it could identify a tipster who trusted the form to keep
them anonymous. So a photo is never stored as sent:

1. at most :data:`MAX_BYTES`, and the leading bytes must be a JPEG, PNG or WebP signature
   (the browser's content type and the file name are not trusted);
2. Pillow opens it as that format only, and the pixel count is checked *before* decoding
   (a "decompression bomb" is a small file that declares a gigantic image: decoding it
   would exhaust memory);
3. the EXIF orientation is applied to the pixels (so the picture stays upright once the
   tag is gone), then a new image is built from the raw pixels alone and encoded afresh:
   no EXIF, GPS, XMP, ICC profile or comment survives, because none is copied.

The cleaned bytes are stored content-addressed (``<storage>/<sha[:2]>/<sha>``), written to a
temporary name then renamed, like evidence files (:mod:`counterflow.cases.evidence`).
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from counterflow.model.errors import InvalidFieldsError

MAX_BYTES = 8 * 1024 * 1024
"""8 MiB: a full-resolution phone photo; the form says so."""

MAX_PIXELS = 50_000_000
"""50 megapixels: more than phone cameras deliver by default; anything larger is refused
before its pixels are decoded."""

_FORMATS: dict[str, tuple[str, str]] = {
    "JPEG": ("image/jpeg", "JPEG"),
    "PNG": ("image/png", "PNG"),
    "WEBP": ("image/webp", "WEBP"),
}
"""Pillow format → (content type served back, format written)."""


@dataclass(frozen=True, slots=True)
class CleanPhoto:
    """A photo re-encoded from its pixels, ready to store."""

    content: bytes
    content_type: str
    width: int
    height: int

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def sniff(content: bytes) -> str | None:
    """The Pillow format named by the leading bytes, or ``None`` if not an accepted one."""
    if content.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if len(content) >= 12 and content[:4] == b"RIFF" and content[8:12] == b"WEBP":
        return "WEBP"
    return None


def _refuse(message: str) -> InvalidFieldsError:
    return InvalidFieldsError({"photo": message})


def clean_photo(content: bytes) -> CleanPhoto:
    """Check ``content`` and re-encode it from its pixels (see the module docstring)."""
    if not content:
        raise _refuse("the photo is empty")
    if len(content) > MAX_BYTES:
        raise _refuse(f"the photo is larger than {MAX_BYTES // (1024 * 1024)} MiB")
    fmt = sniff(content)
    if fmt is None:
        raise _refuse("only JPEG, PNG or WebP photos are accepted")
    try:
        with warnings.catch_warnings():
            # Pillow only warns between its own limit and twice it; refuse outright.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(content), formats=[fmt]) as image:
                if image.width * image.height > MAX_PIXELS:
                    raise _refuse("the photo has too many pixels")
                image.load()
                upright = ImageOps.exif_transpose(image)
                pixels = _pixels_only(upright, fmt)
    except InvalidFieldsError:
        raise
    except (
        UnidentifiedImageError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
        OSError,
        SyntaxError,
        ValueError,
    ):
        raise _refuse("the photo could not be read as a picture") from None
    content_type, out_format = _FORMATS[fmt]
    out = io.BytesIO()
    if out_format == "PNG":
        pixels.save(out, format="PNG", optimize=True)
    else:
        pixels.save(out, format=out_format, quality=85)
    return CleanPhoto(out.getvalue(), content_type, pixels.width, pixels.height)


def _pixels_only(image: Image.Image, fmt: str) -> Image.Image:
    """A new image holding ``image``'s pixels and nothing else (``info`` is empty)."""
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    mode = "RGBA" if has_alpha and fmt != "JPEG" else "RGB"
    converted = image if image.mode == mode else image.convert(mode)
    return Image.frombytes(mode, converted.size, converted.tobytes())


def photo_path(storage: Path, sha256: str) -> Path:
    return storage / sha256[:2] / sha256


def store_photo(storage: Path, photo: CleanPhoto) -> str:
    """Write ``photo`` under its SHA-256 (once; the same picture twice is one file)."""
    digest = photo.sha256
    path = photo_path(storage, digest)
    if path.exists():
        return digest
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".upload-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(photo.content)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return digest


def read_photo(storage: Path, sha256: str) -> bytes | None:
    """The stored bytes, or ``None`` if the file is missing."""
    path = photo_path(storage, sha256)
    return path.read_bytes() if path.is_file() else None
