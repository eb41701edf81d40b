"""The scope a finding sits in is part of its fingerprint: which lines open a scope, what the scope is
called, and how far up and across indentation the walk goes."""

from __future__ import annotations

import pytest

from persona_review.scopes import enclosing_scope, is_header, scope_name

MAX_WALK = 2_000  # the documented bounds, written out: a test that imported them would move with them
MAX_HEADER_CHARS = 240

KEYWORDS = ["def", "func", "function", "fn", "fun", "sub", "if", "for", "while", "switch", "catch", "return",
            "async", "await", "new", "describe", "context"]


@pytest.mark.parametrize("keyword", KEYWORDS)
def test_a_keyword_is_never_taken_for_a_scopes_name(keyword: str) -> None:
    header = f"public {keyword}(request, response) {{"
    assert is_header(header)
    assert scope_name(header) == header, "no name: the header's text stands for it"
    assert scope_name(f"public {keyword}(a) handle(request) {{") == "handle"


def test_anonymous_functions_and_test_blocks_are_named_by_their_text() -> None:
    assert scope_name("func(w http.ResponseWriter, r *http.Request) {") == (
        "func(w http.ResponseWriter, r *http.Request) {")
    assert scope_name("describe('orders', () => {") == "describe('orders', () => {"
    long = "function(" + ", ".join(f"argument{i}" for i in range(20)) + ") {"
    assert scope_name(long) == long[:80] and len(scope_name(long)) == 80


def test_the_walk_up_stops_after_max_walk_lines() -> None:
    body = {n: "    x = 1" for n in range(2, MAX_WALK + 3)}
    lines = {1: "def far_above():", **body}
    assert enclosing_scope(lines, MAX_WALK + 1) == "far_above", "the header is exactly MAX_WALK lines up"
    assert enclosing_scope(lines, MAX_WALK + 2) == "", "one line further is not looked at"


def test_the_header_right_above_a_line_is_its_scope() -> None:
    assert enclosing_scope({1: "def f():", 2: "    x = 1"}, 2) == "f"
    assert enclosing_scope({1: "def f():", 2: "    x = 1"}, 1) == ""


def test_a_tab_counts_as_four_spaces() -> None:
    tab_header = {1: "class A:", 2: "\tdef f(self):", 3: "    x = 1"}
    assert enclosing_scope(tab_header, 3) == "A", "a tab is as deep as four spaces: not around the line"
    tab_line = {1: "class A:", 2: "    def f(self):", 3: "\tx = 1"}
    assert enclosing_scope(tab_line, 3) == "A"
    deeper = {1: "class A:", 2: "  def f(self):", 3: "\tx = 1"}
    assert enclosing_scope(deeper, 3) == "A.f"


def test_only_the_first_240_characters_of_a_line_are_read() -> None:
    start = "public void run(String text"
    outside = start + " " * (MAX_HEADER_CHARS - len(start)) + ";"  # the `;` is just past what is read
    assert len(outside) == MAX_HEADER_CHARS + 1 and is_header(outside)
    inside = start + " " * (MAX_HEADER_CHARS - 1 - len(start)) + ";" + ")"  # the `;` is the last one read
    assert not is_header(inside)
    late_name = "public static " + "a " * 150 + "run(x) {"  # the only call-like name starts past 240
    assert scope_name(late_name) == " ".join(late_name.split())[:80]


def test_a_line_the_diff_does_not_show_has_no_scope() -> None:
    assert enclosing_scope({}, 5) == ""
    assert enclosing_scope({1: "def f():"}, 2, "def g():") == ""


def test_the_hunk_heading_is_not_added_above_a_top_level_scope_the_hunk_shows() -> None:
    lines = {10: "def f():", 11: "    x = 1"}
    assert enclosing_scope(lines, 11, "class Earlier:") == "f"
    assert enclosing_scope({11: "    x = 1"}, 11, "class Earlier:") == "Earlier"


def test_blocks_that_are_not_scopes_are_passed_over() -> None:
    lines = {1: "def f(x):", 2: "    if x:", 3: "        for y in x:", 4: "            use(y)"}
    assert enclosing_scope(lines, 4) == "f"


def test_a_hunk_heading_that_is_not_a_scope_adds_nothing() -> None:
    assert enclosing_scope({11: "    x = 1"}, 11, "total = compute(items)") == ""
    assert enclosing_scope({11: "    x = 1"}, 11) == ""


def test_a_blank_line_inside_a_function_does_not_end_its_scope() -> None:
    lines = {1: "def f():", 2: "    x = 1", 3: "", 4: "    y = 2"}
    assert enclosing_scope(lines, 4) == "f"
