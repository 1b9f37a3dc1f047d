"""Browser tests of the joint statistics: the report page draws its Vega-Lite charts under
the strict CSP, in English and Khmer, and the public page shows the demo's first release
without signing in. Screenshots are saved as artefacts."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

REPORT = "/reports?from=2022-01-01&to=2022-09-30&compare=previous-year"


@pytest.mark.parametrize("lang", ["en", "km"])
def test_report_page_charts_render(page_for, platform, screenshot, lang: str) -> None:
    page = page_for("dara", lang=lang)
    violations: list[str] = []
    page.on(
        "console", lambda m: violations.append(m.text) if "Content Security" in m.text else None
    )
    page.goto(platform.url + REPORT)
    # The headline of the January 2023 joint report, seeded into the demo history.
    assert page.inner_text("#headline .big").strip() == "122"
    assert "-54.6 %" in page.inner_text("#headline")
    page.wait_for_selector("#t-cases_by_month [data-chart] svg")
    page.wait_for_selector(
        "#t-victims_by_sex [data-chart] svg .mark-rect path, "
        "#t-victims_by_sex [data-chart] svg .mark-rect"
    )
    drawn = page.locator("[data-chart] svg").count()
    assert drawn >= 20
    assert violations == []
    assert page.evaluate("document.documentElement.lang") == lang
    screenshot(page, f"report-{lang}")


def test_public_page_shows_the_release_without_sign_in(chromium, platform, screenshot) -> None:
    context = chromium.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(f"{platform.url}/public")
        figures = page.inner_text("#figures")
        assert "January-September 2022" in figures
        assert page.locator("#figures svg").count() >= 3
        screenshot(page, "public-figures-390")
        page.click("text=All tables of this release")
        assert "SHA-256" in page.inner_text("main")
        page.goto(f"{platform.url}/language/km?next=/public/releases")
        assert page.evaluate("document.documentElement.lang") == "km"
        screenshot(page, "public-ledger-km")
    finally:
        context.close()
