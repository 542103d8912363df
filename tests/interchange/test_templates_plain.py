"""Plain templates (only text, ``{{Field}}`` and ``{{FrontSide}}``: most note types) are
filled without the general renderer's walk; the cards are the same, the size bound holds."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from srsapp.interchange import templates
from srsapp.interchange.templates import TemplateTooLarge, render_card

FIELDS = ["Front", "Back", "Extra"]
piece = st.one_of(
    st.text(alphabet="ab <>{}:#/&\n도커", max_size=6).filter(
        lambda t: "{{" not in t and "}}" not in t
    ),
    st.sampled_from(["{{Front}}", "{{ Back }}", "{{Extra}}", "{{FrontSide}}", "{{Missing}}"]),
)
template = st.lists(piece, max_size=8).map("".join)


def _general(q: str, a: str, fields: dict[str, str]) -> object:
    """What the general renderer makes of the same templates."""
    with pytest.MonkeyPatch.context() as m:
        m.setattr(templates, "_plain", lambda _t: None)
        try:
            return render_card(q, a, fields)
        except TemplateTooLarge:
            return TemplateTooLarge


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(q=template, a=template, values=st.lists(st.text(max_size=12), min_size=3, max_size=3))
def test_plain_templates_render_as_the_general_renderer_does(
    q: str, a: str, values: list[str]
) -> None:
    fields = dict(zip(FIELDS, values, strict=True))
    assume(templates._plain(q) is not None and templates._plain(a) is not None)
    assert render_card(q, a, fields) == _general(q, a, fields)


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(
    q=template,
    a=template,
    names=st.lists(st.sampled_from([*FIELDS, "Other"]), min_size=1, max_size=4),
    values=st.lists(st.text(alphabet="ab {}<>:0도\n", max_size=8), min_size=4, max_size=5),
)
def test_plain_formats_render_as_render_card_does(
    q: str, a: str, names: list[str], values: list[str]
) -> None:
    """The importer's formats (by field position) give ``render_card``'s text (by field name):
    braces in the text and the values, a field named twice (the last one counts), a field
    the note type lacks (empty), more values than fields."""
    formats = templates.plain_formats(q, a, tuple(names))
    assume(formats is not None)
    assert formats is not None
    fields = dict(zip(names, values, strict=False))
    assert templates.render_plain(formats, values) == render_card(q, a, fields)


def test_only_plain_templates_within_the_allowance_without_special_fields_have_formats() -> None:
    names = ("Front", "Back")
    assert templates.plain_formats("{{Front}}", "{{FrontSide}}<hr>{{Back}}", names) == (
        "{0}",
        "{front}<hr>{1}",
    )
    assert templates.plain_formats("{x} {{Front}}", "{{Missing}}}", names) == ("{{x}} {0}", "}}")
    assert templates.plain_formats("{{text:Front}}", "{{Back}}", names) is None
    assert templates.plain_formats("{{Front}} {{Deck}}", "{{Back}}", names) is None
    assert templates.plain_formats("{{Front}}" * 17, "{{Back}}", names) is None


def test_a_template_with_sections_or_filters_is_not_plain() -> None:
    assert templates._plain("{{#Front}}x{{/Front}}") is None
    assert templates._plain("{{text:Front}}") is None
    assert templates._plain("{{cloze:Text}}") is None
    assert templates._plain("<b>{{Front}}</b>{{FrontSide}}") is not None


def test_a_plain_template_that_repeats_a_field_too_often_is_refused() -> None:
    with pytest.raises(TemplateTooLarge):
        render_card("{{Front}}" * 20_000, "{{FrontSide}}", {"Front": "x" * 1_000})
    front, back = render_card(
        "{{Front}}" * 10, "{{FrontSide}}{{Back}}", {"Front": "ab", "Back": "c"}
    )
    assert (front, back) == ("ab" * 10, "ab" * 10 + "c")


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(front=st.text(alphabet=" \n\tab<>/&;img도\u00a0", max_size=12))
def test_an_empty_front_is_told_as_by_its_plain_text(front: str) -> None:
    """The shortcuts for a front that starts with visible text, or has it right after its
    first tag, say what the plain text does."""
    plain_empty = not templates.strip_html(front).strip() and "<img" not in front
    assert templates.is_empty_front(front) == plain_empty
