"""The public page and the anonymous tip form in a real browser on a phone-sized screen
(390 px), in English and Khmer, without signing in; then the tip, photo included, in the
NCCT secretariat's triage queue. Screenshots are saved as artefacts."""

from __future__ import annotations

import io
import re

from PIL import Image

PHONE = {"width": 390, "height": 844}
TIP = "A recruiter at the Kampot bus station sends young people to a compound in Sihanoukville."


def _phone(chromium, lang: str = "en"):  # type: ignore[no-untyped-def]
    context = chromium.new_context(viewport=PHONE, locale=lang, device_scale_factor=2)
    context.set_default_timeout(10_000)
    return context


def _watch_csp(page) -> list[str]:  # type: ignore[no-untyped-def]
    problems: list[str] = []
    page.on(
        "console",
        lambda m: problems.append(m.text) if "Content Security Policy" in m.text else None,
    )
    return problems


def _fits(page) -> bool:  # type: ignore[no-untyped-def]
    """Nothing wider than the screen: no sideways scrolling on a phone."""
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def _photo() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (10.0, 36.0, 0.0), "E", (104.0, 10.0, 0.0)
    out = io.BytesIO()
    Image.new("RGB", (120, 90), (30, 90, 160)).save(out, format="JPEG", exif=exif.tobytes())
    return out.getvalue()


def test_public_page_on_a_phone_in_english_and_khmer(chromium, platform, screenshot) -> None:
    context = _phone(chromium)
    page = context.new_page()
    csp = _watch_csp(page)
    page.goto(f"{platform.url}/public")
    assert page.url.endswith("/public")  # no sign-in asked
    assert page.locator("h1").inner_text() == "Stop human trafficking"
    assert page.locator("a[href='tel:1288']").count() >= 1
    assert page.locator("section#figures").count() == 1
    assert page.locator("header a[href='/cases']").count() == 0
    assert _fits(page)
    screenshot(page, "public-home-en-390")

    page.get_by_role("link", name="ខ្មែរ").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "km"
    assert page.url.endswith("/public")
    heading = page.locator("h1").inner_text()
    assert heading and heading != "Stop human trafficking"
    loaded = page.evaluate(
        "document.fonts.load('16px \"Noto Sans Khmer\"', 'ជួញដូរ').then(f => f.length)"
    )
    assert loaded >= 1
    assert _fits(page)
    screenshot(page, "public-home-km-390")

    page.goto(f"{platform.url}/public/tip")
    assert page.locator("select#province option[value='Kampot']").inner_text() == "កំពត"
    assert _fits(page)
    screenshot(page, "public-tip-form-km-390")
    assert csp == []
    context.close()


def test_a_tip_with_a_photo_reaches_the_ncct_queue(
    chromium, platform, page_for, screenshot
) -> None:
    context = _phone(chromium)
    page = context.new_page()
    csp = _watch_csp(page)
    page.goto(f"{platform.url}/public")
    page.get_by_role("link", name="Send an anonymous tip").first.click()
    page.wait_for_load_state()
    assert page.url.endswith("/public/tip")
    honeypot = page.locator("input[name=homepage]").bounding_box()
    assert honeypot is not None and honeypot["x"] + honeypot["width"] <= 0  # off-screen
    page.fill("#text", TIP)
    page.select_option("#category", "trafficking")
    page.select_option("#province", "Kampot")
    page.set_input_files(
        "#photo", files=[{"name": "station.jpg", "mimeType": "image/jpeg", "buffer": _photo()}]
    )
    assert _fits(page)
    screenshot(page, "public-tip-form-en-390")
    # A person takes more than three seconds to write a tip; the form refuses robots that don't.
    page.wait_for_timeout(3200)
    page.get_by_role("button", name="Send the tip").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Thank you"
    reference = page.locator("#reference").inner_text()
    assert re.fullmatch(r"T-[A-Z0-9]{8}", reference)
    screenshot(page, "public-tip-thanks-en-390")
    assert csp == []
    context.close()

    staff = page_for("sreymom")  # NCCT secretariat supervisor
    staff.get_by_role("link", name="Tips").click()
    staff.wait_for_load_state()
    row = staff.locator("#tips tr").filter(has_text=reference)
    assert row.count() == 1
    assert "Photo" in row.inner_text() and "New" in row.inner_text()
    screenshot(staff, "tips-queue-en")
    row.get_by_role("link", name=reference).click()
    staff.wait_for_load_state()
    assert TIP in staff.locator("#tip-text").inner_text()
    staff.get_by_role("button", name="Take it").click()
    staff.wait_for_load_state()
    assert staff.locator("#tip-status").inner_text() == "Reviewing"
    screenshot(staff, "tip-detail-en")
    photo = staff.request.get(f"{platform.url}{staff.locator('#photo-link').get_attribute('href')}")
    assert photo.status == 200 and photo.headers["content-type"] == "image/jpeg"
    assert b"PhoneMaker" not in photo.body()

    police = page_for("sokha")  # not referred to the police: not in their queue
    police.goto(f"{platform.url}/tips")
    assert reference not in police.inner_text("main")
