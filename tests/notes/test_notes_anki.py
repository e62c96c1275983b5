"""Anki fields and templates as studyapp card text (notes/anki.py)."""

from __future__ import annotations

from studyapp.notes import anki

BASIC = (("Card 1", "{{Front}}", "{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}"),)
CLOZE = (("Cloze", "{{cloze:Text}}", "{{cloze:Text}}<br>\n{{Back Extra}}"),)


def test_html_is_made_plain_and_never_kept_as_markup() -> None:
    text, media = anki.plain(
        "<div>One &lt;b&gt; &amp; <i>two</i></div><div>three&nbsp;four</div>"
        "<script>alert('x')</script><style>.a{}</style><img src='a.png'>[sound:a.mp3]"
        "[bold]not rich markup[/bold]"
    )
    assert text == "One <b> & two\nthree four\n[bold]not rich markup[/bold]"
    assert media == 2


def test_unclosed_and_broken_html_still_reads() -> None:
    assert anki.plain("<b>bold <i>and <u>unclosed")[0] == "bold and unclosed"
    assert anki.plain("a < b and c > d")[0] == "a < b and c > d"
    assert anki.plain("<script>never closed")[0] == ""


def test_a_basic_card_shows_its_fields_and_the_answer_alone() -> None:
    card = anki.card_text(False, ("Front", "Back"), ("Q<br>line", "A"), BASIC, 0)
    assert card == anki.CardText("basic", "Q\nline", "A", 0)


def test_conditional_sections_and_filters() -> None:
    templates = (
        ("Card 1", "{{Front}}{{#Hint}} ({{hint:Hint}}){{/Hint}}{{^Hint}}!{{/Hint}}", "{{Back}}"),
        ("Card 2", "{{#Add Reverse}}{{Back}}{{/Add Reverse}}", "{{Front}}"),
    )
    names = ("Front", "Back", "Hint", "Add Reverse")
    with_hint = anki.card_text(False, names, ("Q", "A", "h", ""), templates, 0)
    assert with_hint is not None and with_hint.front == "Q (h)"
    without = anki.card_text(False, names, ("Q", "A", "", ""), templates, 0)
    assert without is not None and without.front == "Q!"
    assert anki.card_text(False, names, ("Q", "A", "", ""), templates, 1) is None  # empty front
    reverse = anki.card_text(False, names, ("Q", "A", "", "y"), templates, 1)
    assert reverse == anki.CardText("reversed", "A", "Q", 0)


def test_each_cloze_number_is_one_card_with_its_own_deletion_hidden() -> None:
    text = "{{c1::SQS}} keeps messages {{c2::14 days::how long}}, {{c1::at least once}}"
    first = anki.card_text(True, ("Text", "Back Extra"), (text, "extra"), CLOZE, 0)
    assert first == anki.CardText(
        "cloze", "[...] keeps messages 14 days, [...]", "SQS; at least once\n\nextra", 0
    )
    second = anki.card_text(True, ("Text", "Back Extra"), (text, ""), CLOZE, 1)
    assert second == anki.CardText("cloze", "SQS keeps messages [...], at least once", "14 days", 0)
    assert anki.card_text(True, ("Text", "Back Extra"), (text, ""), CLOZE, 5) is None


def test_domain_tags_both_ways() -> None:
    assert anki.domain_tag("SAA-C03", 2) == "saa-c03::domain-2"
    tags = ("saa-c03::domain-2", "DVA-C02::1.3", "saa-c03:4", "leech", "aws::sqs")
    assert anki.tag_domains(tags) == ("saa-c03:2", "dva-c02:1.3", "saa-c03:4")


def test_studyapp_cards_as_anki_fields() -> None:
    assert anki.deck_name("SQS > Visibility timeout") == "SQS::Visibility timeout"
    assert anki.deck_name("") == "studyapp"
    assert anki.deck_name("AWS::EC2 > Instance") == "AWS:EC2::Instance"
    assert anki.field_html("<b>x</b> & y\nz") == "&lt;b&gt;x&lt;/b&gt; &amp; y<br>z"
    assert anki.as_cloze("cloze", "up to [...] days", "14") == "up to {{c1::14}} days"
    assert anki.as_cloze("basic", "up to [...] days", "14") is None
    assert anki.as_cloze("cloze", "[...] and [...]", "a") is None
    assert anki.as_cloze("cloze", "the [...]", "a}}b") is None
