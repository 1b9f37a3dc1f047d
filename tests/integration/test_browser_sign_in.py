"""Signing in through a real browser, in English and Khmer."""

from __future__ import annotations


def test_sign_in_in_english_and_khmer(page_for, screenshot) -> None:
    page = page_for("sokha", lang="en")
    assert page.locator("header.top").inner_text().count("Sokha Chan") == 1
    screenshot(page, "home-en")
    km = page_for("dara", lang="km")
    assert km.locator("html").get_attribute("lang") == "km"
    # The Khmer font is the platform's own: the browser loaded it from /static/vendor.
    loaded = km.evaluate(
        "document.fonts.load('16px \"Noto Sans Khmer\"', 'ករណី').then(f => f.length)"
    )
    assert loaded >= 1
    screenshot(km, "home-km")


def test_wrong_password_stays_on_the_sign_in_page(chromium, platform) -> None:
    context = chromium.new_context()
    page = context.new_page()
    page.goto(f"{platform.url}/login")
    page.fill("#username", "sokha")
    page.fill("#password", "not the password at all")
    page.click("button[type=submit]")
    assert "Wrong user name, password or code" in page.inner_text("main")
    context.close()
