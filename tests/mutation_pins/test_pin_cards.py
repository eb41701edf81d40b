"""One card per problem and one text per model explanation: what a reader sees after grouping and merging."""

from __future__ import annotations

from persona_review.findings import SOURCE_MODEL, Category, Finding, Severity
from persona_review.placement import group_nearby, merge


def finding(line: int | None = 5, **kw: object) -> Finding:
    base: dict[str, object] = dict(
        path="svc/a.py", line=line, category=Category.ERROR_HANDLING, severity=Severity.MEDIUM,
        checklist_item="ERR-01", title="Swallowed error", body="The error is lost.", rule_id="PY-EXC",
    )
    base.update(kw)
    return Finding(**base)  # type: ignore[arg-type]


def test_a_model_text_already_said_is_not_repeated_under_another_item() -> None:
    lead = finding(severity=Severity.HIGH)
    echo = finding(source=SOURCE_MODEL, rule_id="model", checklist_item="ERR-02", body="The  error is lost.")
    first = finding(source=SOURCE_MODEL, rule_id="model", checklist_item="ERR-03", body="Retries pile up.")
    again = finding(source=SOURCE_MODEL, rule_id="model", checklist_item="ERR-04", severity=Severity.LOW,
                    body="Retries  pile up.")
    (merged,) = merge([lead, echo, first, again])
    assert merged.body == "The error is lost.\n\n- Also (ERR-03, model, medium): Retries pile up."
    assert len(merged.members) == 4, "every finding is still a member"


def test_on_one_start_line_the_shorter_finding_leads_the_card() -> None:
    long = finding(5, end_line=8)
    short = finding(5)
    for order in ([long, short], [short, long]):
        (card,) = group_nearby(order, {})
        assert (card.line, card.end_line) == (5, 8)
        assert card.body == "The error is lost.\n\nAlso on lines 5-8.", order
        assert card.members == (short, long)


def test_file_level_findings_of_one_check_are_never_joined_into_a_card() -> None:
    whole = [finding(None, body="first"), finding(None, body="second"), finding(5)]
    assert group_nearby(whole, {}) == whole


def test_model_findings_on_touching_lines_join_only_when_item_and_title_agree() -> None:
    a = finding(5, source=SOURCE_MODEL, rule_id="model", checklist_item="ERR-02", title="Lost error")
    b = finding(6, source=SOURCE_MODEL, rule_id="model", checklist_item="ERR-03", title="Lost error")
    c = finding(6, source=SOURCE_MODEL, rule_id="model", checklist_item="ERR-02", title="Other title")
    assert group_nearby([a, b, c], {}) == [a, b, c]
    d = finding(6, source=SOURCE_MODEL, rule_id="model", checklist_item="ERR-02", title="Lost error")
    (card,) = group_nearby([a, d], {})
    assert (card.line, card.end_line, card.members) == (5, 6, (a, d))
    assert card.body == "The error is lost.\n\nAlso on line 6."


def test_two_findings_on_one_line_make_a_one_line_card() -> None:
    first, second = finding(5, title="first"), finding(5, title="second", severity=Severity.HIGH)
    (card,) = group_nearby([first, second], {})
    assert (card.line, card.end_line, card.severity) == (5, None, Severity.HIGH)
    assert card.body == "The error is lost.\n\nAlso on line 5: second."


def test_a_joined_fix_resumes_after_a_members_whole_range() -> None:
    lines = {"svc/a.py": {5: "a", 6: "b", 7: "c", 8: "d"}}
    card = group_nearby([finding(5, end_line=6, suggested_fix="AB"), finding(8, suggested_fix="D"),
                         finding(7)], lines)
    assert [(c.line, c.end_line, c.suggested_fix) for c in card] == [(5, 8, "AB\nc\nD")]


def test_a_joined_fix_gives_up_when_a_kept_line_is_unknown() -> None:
    lines = {"svc/a.py": {5: "a", 6: "b"}}  # line 7 is not known: the joined fix cannot be written
    card = group_nearby([finding(5, suggested_fix="A"), finding(6), finding(7), finding(8, suggested_fix="D")],
                        lines)
    assert [(c.line, c.end_line, c.suggested_fix) for c in card] == [(5, 8, None)]


def test_a_finding_joins_the_card_it_touches_not_an_earlier_one() -> None:
    early, later, touching = finding(5), finding(20), finding(21)
    cards = group_nearby([early, later, touching], {})
    assert [(c.line, c.end_line) for c in cards] == [(5, None), (20, 21)]
    assert cards[0] is early and cards[1].members == (later, touching)
    assert cards[1].body == "The error is lost.\n\nAlso on line 21."


def test_findings_one_blank_line_apart_are_two_cards() -> None:
    first, second = finding(5), finding(7)
    assert group_nearby([first, second], {}) == [first, second]
    (card,) = group_nearby([first, finding(6)], {})
    assert (card.line, card.end_line) == (5, 6)
