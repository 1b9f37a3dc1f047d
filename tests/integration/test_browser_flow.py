"""The whole story in a real browser: a victim with the Palermo checklist, a suspect who
hits a watch list, an alert triaged and escalated, the deconfliction notice, and the
auditor seeing it all in the audit trail; screenshots in English and Khmer."""

from __future__ import annotations

import re


def _open_case(page, platform, title_start: str) -> str:  # type: ignore[no-untyped-def]
    page.goto(f"{platform.url}/cases")
    page.get_by_role("link", name=re.compile("^" + re.escape(title_start))).first.click()
    page.wait_for_load_state()
    return page.url


def test_investigator_adds_a_victim_and_a_listed_suspect(page_for, platform, screenshot) -> None:
    page = page_for("sokha")
    case_url = _open_case(page, platform, "KTV in Toul Kork")
    screenshot(page, "case-en")

    page.goto(case_url + "/persons/new?role=victim")
    page.fill("input[name=name_latin]", "Kim Sreyleak")
    page.fill("input[name=name_khmer]", "គីម ស្រីលក្ខណ៍")
    page.fill("input[name=estimated_age]", "15")
    page.select_option("select[name=gender]", "female")
    page.click("main form[method=post] button[type=submit]")
    page.wait_for_load_state()
    page.get_by_role("link", name="Victim context (Palermo, ILO, care)").last.click()
    page.wait_for_load_state()
    page.check("input[name=palermo_acts][value=recruitment]")
    page.check("input[name=palermo_purposes][value=sexual_exploitation]")
    page.check("input[name=ilo_indicators][value=deception]")
    page.check("input[name=non_punishment_assessed]")
    screenshot(page, "victim-palermo-en")
    page.click("main form[method=post] button[type=submit]")
    page.wait_for_load_state()
    # A 15-year-old: act and purpose suffice (Palermo Protocol, Art. 3(c)).
    victim = page.locator("article[id^=person-]").filter(has_text="Kim Sreyleak")
    assert "Palermo complete: yes" in victim.inner_text()

    page.goto(case_url + "/persons/new?role=suspect")
    page.fill("input[name=name_khmer]", "កែវ សម្បត្តិ")
    page.fill("input[name=date_of_birth]", "1968")
    page.click("main form[method=post] button[type=submit]")
    page.wait_for_load_state()
    body = page.inner_text("main")
    assert "dom-77" in body  # the domestic list entry, with its explanation
    hit_form = page.locator("form[action*='/hits/']").first
    hit_form.locator("[name=reason]").fill("Same birth year and Khmer name; ID card checked")
    hit_form.locator("button[value=confirmed]").click()
    page.wait_for_load_state()
    assert "Confirmed" in page.inner_text("main")
    screenshot(page, "suspect-hit-en")


def test_analyst_escalates_an_alert_and_both_sides_see_the_notice(
    page_for, platform, screenshot
) -> None:
    page = page_for("chenda")
    page.goto(f"{platform.url}/alerts")
    assert "Structuring" in page.inner_text("main")
    screenshot(page, "alerts-en")
    page.locator("tr").filter(has_text="Structuring").get_by_role("link").first.click()
    page.wait_for_load_state()
    new_case = page.locator("form[action$='/escalate']").filter(has=page.locator("[name=title]"))
    new_case.locator("[name=title]").fill("Structuring into the compound's salary account")
    new_case.locator("select[name=category]").select_option("money_laundering")
    new_case.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert re.search(r"/cases/\d+", page.url)
    main = page.inner_text("main")
    assert "ACC-7781-2290" in main
    # That account is in the police scam case: the FIU is told whom to contact at NP,
    # and nothing of the police case itself.
    assert "NP" in main and "Online scam compound" not in main
    screenshot(page, "escalated-case-en")

    police = page_for("dara")
    police.goto(f"{platform.url}/notices")
    notices = police.inner_text("main")
    assert "CAFIU" in notices
    assert "Structuring into the compound" not in notices
    screenshot(police, "notices-en")


def test_auditor_sees_it_all_in_the_audit_trail(page_for, platform, screenshot) -> None:
    page = page_for("auditor")
    page.goto(f"{platform.url}/audit")
    trail = page.inner_text("main")
    assert "sokha" in trail and "chenda" in trail
    screenshot(page, "audit-en")
    km = page_for("auditor", lang="km")
    km.goto(f"{platform.url}/audit")
    assert km.locator("html").get_attribute("lang") == "km"
    screenshot(km, "audit-km")
    case = page_for("sokha", lang="km")
    _open_case(case, platform, "KTV in Toul Kork")
    screenshot(case, "case-km")


def test_case_and_queue_pages_fit_a_tablet(page_for, platform, screenshot) -> None:
    """An 800-pixel-wide tablet in portrait: nothing wider than the screen but the tables,
    which scroll inside their own frame."""
    page = page_for("sokha", lang="km", width=800)
    _open_case(page, platform, "Online scam compound")
    overflow = page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    screenshot(page, "case-tablet-km")
    analyst = page_for("chenda", width=800)
    analyst.goto(f"{platform.url}/alerts")
    assert analyst.evaluate("document.scrollingElement.scrollWidth - window.innerWidth") <= 0
