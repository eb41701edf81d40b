"""From words in persona files to priorities, globs and excludes."""

from __future__ import annotations

import pytest

from persona_review.persona import parse_persona
from persona_review.persona_markdown import priority_chain, terms, unwrap
from persona_review.persona_vocab import (
    FRONTEND_GLOBS,
    dedupe,
    excludes_for,
    globs_from_patterns,
    normalise_priorities,
    normalise_priority,
    not_for_phrases,
)


@pytest.mark.parametrize(
    ("phrase", "word"),
    [
        ("System reliability & fault tolerance (30%)", "reliability"),
        ("**Security** & secure defaults (25%)", "security"),
        ("Data consistency & integrity (25%)", "data integrity"),
        ("Performance & scalability (15%)", "performance"),
        ("Developer convenience (5%)", "convenience"),
        ("Features", "features"),
        ("Keeping the pager quiet", "keeping the pager quiet"),
    ],
)
def test_priority_phrases_become_words(phrase: str, word: str) -> None:
    assert normalise_priority(phrase) == word


def test_priorities_keep_order_and_drop_repeats() -> None:
    assert normalise_priorities(["Reliability", "uptime", "Security", "", "performance"]) == (
        "reliability",
        "security",
        "performance",
    )


@pytest.mark.parametrize(
    "body",
    [
        "**Priority Hierarchy**: Reliability → security → performance",
        "- **Priority Hierarchy**: Reliability -> security -> performance",
        "# X\n\n> Reliability > security > performance.\n",
        "**Priority Hierarchy**:\n1. Reliability (50%)\n2. Security (30%)\n3. Performance (20%)\n",
        "## Priority Order\n\n```\nReliability > Security > Performance\n```\n",
    ],
)
def test_priority_chains_in_every_shape(body: str) -> None:
    assert normalise_priorities(priority_chain(body)) == ("reliability", "security", "performance")


def test_natural_language_file_patterns_become_globs() -> None:
    globs = globs_from_patterns("server-side code (.py, .js, .ts, .go, .java), API routes, database models")
    for expected in ("**/*.py", "**/*.js", "**/*.ts", "**/*.go", "**/*.java", "**/api/**", "**/routes/**",
                     "**/models/**", "**/entities/**"):
        assert expected in globs.include
    # "server-side" code is not front-end code.
    assert set(FRONTEND_GLOBS) <= set(globs.exclude)
    assert globs.unknown == ()


def test_literal_globs_pass_through_and_unknown_phrases_are_reported() -> None:
    globs = globs_from_patterns("`**/Controller/**`, src/api/*.py, things that feel important")
    assert globs.include == ("**/Controller/**", "src/api/*.py")
    assert globs.exclude == ()
    assert globs.unknown == ("things that feel important",)


def test_not_for_phrases_split_on_commas_and_or() -> None:
    assert not_for_phrases("UI components, CSS styling,\n  frontend-only changes, or documentation tasks.") == (
        "UI components",
        "CSS styling",
        "frontend-only changes",
        "documentation tasks",
    )


def test_only_recognisable_not_for_phrases_add_excludes() -> None:
    assert excludes_for(["billing disputes", "legal advice"]) == ()
    docs = excludes_for(["documentation-only tasks"])
    assert "**/*.md" in docs and "**/components/**" not in docs
    styles = excludes_for(["CSS styling"])
    assert "**/*.scss" in styles and "**/*.md" not in styles


def test_dedupe_is_case_insensitive_for_words_but_not_for_globs() -> None:
    assert dedupe(["API", "api", "データベース", "データベース", " "]) == ("API", "データベース")
    assert dedupe(["**/Model/**", "**/model/**"], fold_case=False) == ("**/Model/**", "**/model/**")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"API", "database", “service”', ["API", "database", "service"]),
        ("execute(, `db.session`, **ledger**", ["execute(", "db.session", "ledger"]),
        ("API、データベース、サーバー", ["API", "データベース", "サーバー"]),
        ("API, queue, or cache.", ["API", "queue", "cache"]),
        ("order book, and-gate", ["order book", "and-gate"]),
    ],
)
def test_keyword_terms(text: str, expected: list[str]) -> None:
    assert terms(text) == expected


def test_unwrap_keeps_globs_and_python_names() -> None:
    assert unwrap("**/api/**") == "**/api/**"
    assert unwrap("__init__") == "__init__"
    assert unwrap("**bold**") == "bold"


def test_keywords_may_be_a_nested_list_under_the_label() -> None:
    text = (
        "---\nname: nested\n---\n## Triggers\n- Keywords:\n  - \"ledger\"\n  - \"refund\"\n"
        "- File patterns: `**/billing/**`\n"
    )
    persona = parse_persona(text, "nested.md")
    assert persona.trigger_keywords == ("ledger", "refund")
    assert persona.trigger_globs == ("**/billing/**",)
