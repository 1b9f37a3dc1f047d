"""The Khmer catalogue translates the whole interface, placeholders intact."""

from __future__ import annotations

import re

from counterflow.web.catalog import current, extracted, missing
from counterflow.web.i18n import translations

_PLACEHOLDER = re.compile(r"%\(\w+\)s|\{\w+\}")


def test_every_interface_message_has_a_khmer_translation() -> None:
    assert extracted(), "extraction found the templates and pages"
    assert missing() == []


def test_translations_keep_their_placeholders() -> None:
    for english, khmer in current().items():
        assert sorted(_PLACEHOLDER.findall(english)) == sorted(_PLACEHOLDER.findall(khmer)), english


def test_khmer_lookup_and_english_fallback() -> None:
    km = translations("km")
    assert km.gettext("Sign in") == "ចូលប្រើ"
    assert km.gettext("a message nobody wrote") == "a message nobody wrote"
    assert translations("en").gettext("Sign in") == "Sign in"
