"""A tipster's photo: only JPEG, PNG and WebP, bounded, and stripped of everything but its
pixels (the GPS position a phone writes into EXIF above all)."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from counterflow.model.errors import InvalidFieldsError
from counterflow.tips import PHOTO_MAX_BYTES, clean_photo
from counterflow.tips import photo as photo_module

from .conftest import XMP, image_bytes, jpeg_with_gps


def test_a_phone_photo_loses_its_gps_camera_xmp_icc_and_comment() -> None:
    raw = jpeg_with_gps()
    before = Image.open(io.BytesIO(raw))
    assert before.getexif().get_ifd(0x8825), "the input does carry a GPS position"
    cleaned = clean_photo(raw)
    after = Image.open(io.BytesIO(cleaned.content))
    assert after.format == "JPEG" and cleaned.content_type == "image/jpeg"
    assert (after.width, after.height) == (64, 48)
    assert not after.getexif()
    assert not after.getexif().get_ifd(0x8825)
    for key in ("exif", "xmp", "comment", "icc_profile"):
        assert key not in after.info, key
    for leak in (b"PhoneMaker", b"Model X-1", b"Sokha", b"secret comment", XMP[:20]):
        assert leak not in cleaned.content
    # The picture itself is kept: the corner is still blue, the rest still red.
    r, _g, b = after.convert("RGB").getpixel((2, 2))
    assert b > 150 and r < 100
    r, _g, b = after.convert("RGB").getpixel((50, 40))
    assert r > 150 and b < 100


def test_the_exif_orientation_is_applied_before_it_is_dropped() -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to display
    cleaned = clean_photo(image_bytes("JPEG", size=(64, 48), exif=exif.tobytes()))
    assert (cleaned.width, cleaned.height) == (48, 64)


@pytest.mark.parametrize(("fmt", "content_type"), [("PNG", "image/png"), ("WEBP", "image/webp")])
def test_png_and_webp_stay_in_their_format(fmt: str, content_type: str) -> None:
    cleaned = clean_photo(image_bytes(fmt))
    assert cleaned.content_type == content_type
    assert Image.open(io.BytesIO(cleaned.content)).format == fmt


def test_png_transparency_and_text_chunks() -> None:
    from PIL import PngImagePlugin

    picture = Image.new("RGBA", (10, 10), (0, 0, 0, 0))
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Sokha Chan")
    out = io.BytesIO()
    picture.save(out, format="PNG", pnginfo=info)
    cleaned = clean_photo(out.getvalue())
    after = Image.open(io.BytesIO(cleaned.content))
    assert after.mode == "RGBA"
    assert b"Sokha" not in cleaned.content and "Author" not in after.info


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"GIF89a" + b"\x00" * 100,
        b"%PDF-1.7 not a picture",
        b"MZ\x90\x00 an executable renamed photo.jpg",
        b"\xff\xd8\xff\xe0 a JPEG signature and then garbage",
        b"\x89PNG\r\n\x1a\n" + b"\x00" * 40,
    ],
    ids=["empty", "gif", "pdf", "exe", "bad-jpeg", "bad-png"],
)
def test_anything_but_a_readable_jpeg_png_or_webp_is_refused(content: bytes) -> None:
    with pytest.raises(InvalidFieldsError) as info:
        clean_photo(content)
    assert set(info.value.errors) == {"photo"}


def test_a_jpeg_that_says_it_is_a_png_is_read_as_what_it_is_not() -> None:
    # The signature decides the decoder: PNG bytes are never handed to the JPEG decoder.
    png = image_bytes("PNG")
    assert clean_photo(png).content_type == "image/png"


def test_too_large_a_file_is_refused_before_decoding() -> None:
    with pytest.raises(InvalidFieldsError, match="MiB"):
        clean_photo(b"\xff\xd8\xff" + b"\x00" * PHOTO_MAX_BYTES)


def test_a_decompression_bomb_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    # A small file declaring more pixels than allowed: refused from its header.
    monkeypatch.setattr(photo_module, "MAX_PIXELS", 100 * 100)
    with pytest.raises(InvalidFieldsError, match="too many pixels"):
        clean_photo(image_bytes("PNG", size=(200, 200)))


def test_a_real_bomb_header_is_refused_without_decoding() -> None:
    # A PNG header declaring 100,000 x 100,000 pixels, a few hundred bytes long.
    big = Image.new("1", (1, 1))
    out = io.BytesIO()
    big.save(out, format="PNG")
    data = bytearray(out.getvalue())
    # IHDR width and height are the 8 bytes after "IHDR"; the CRC is not checked on open.
    at = data.index(b"IHDR") + 4
    data[at : at + 8] = (100_000).to_bytes(4, "big") + (100_000).to_bytes(4, "big")
    with pytest.raises(InvalidFieldsError):
        clean_photo(bytes(data))
