"""Sanitizing model text: what is kept exactly as written, and where each rewrite starts and stops."""

from __future__ import annotations

import pytest

from persona_review.sanitize import TRUNCATION_MARK, sanitize_code, sanitize_markdown, strip_invisible

REPO = "https://github.com/acme/shop"


@pytest.mark.parametrize("span", [
    "`if a < b && c > d:`",
    "`<script>alert(1)</script>`",
    "`&amp; &#64;admin`",
    "`[docs](https://evil.example/x)`",
    "`curl https://evil.example/x`",
    "`see other/repo#12`",
    "`![img](https://evil.example/p.png)`",
    "``a `nested` span``",
])
def test_text_in_backticks_survives_unchanged(span: str) -> None:
    text = f"Use {span} here."
    assert sanitize_markdown(text, repo_url=REPO) == text


def test_the_same_text_outside_backticks_is_rewritten() -> None:
    out = sanitize_markdown("Use <script>x</script> and https://evil.example/x, not `https://evil.example/y`.")
    assert out == "Use x and `https://evil.example/x,` not `https://evil.example/y`."


def test_prose_between_and_after_code_spans_is_still_sanitized() -> None:
    out = sanitize_markdown("`a` cc @alice `b` cc @bob")
    assert out == "`a` cc `@alice` `b` cc `@bob`"


def test_text_in_a_fenced_block_is_kept_and_prose_around_it_is_not() -> None:
    text = "Before @alice\n```python\nx = '<b>@bob</b>'\n```\nAfter @carol"
    assert sanitize_markdown(text) == "Before `@alice`\n```python\nx = '<b>@bob</b>'\n```\nAfter `@carol`"


def test_tilde_fences_and_longer_fences_close_only_on_a_matching_run() -> None:
    text = "~~~\n@a\n```\n@b\n~~~\n@c"
    assert sanitize_markdown(text) == "~~~\n@a\n```\n@b\n~~~\n`@c`"
    longer = "````\n@a\n```\n@b\n````\n@c"
    assert sanitize_markdown(longer) == "````\n@a\n```\n@b\n````\n`@c`"


def test_an_indented_fence_closes_with_its_indent() -> None:
    assert sanitize_markdown("   ```sh\n   ls @x") == "   ```sh\n   ls @x\n   ```"


def test_a_backtick_fence_with_a_backtick_in_its_info_string_is_prose() -> None:
    assert sanitize_markdown("```a`b @x\nnext @y") == "```a`b `@x`\nnext `@y`"


def test_a_fence_info_string_is_reduced_to_one_plain_word() -> None:
    assert sanitize_markdown("```python {.x} onload=1\ncode\n```") == "```python\ncode\n```"
    assert sanitize_markdown("```Suggestion\ncode\n```") == "```\ncode\n```"
    assert sanitize_markdown("``` c++ \ncode\n```") == "```c++\ncode\n```"


def test_the_length_cap_is_exact() -> None:
    fits = "x" * 40
    assert sanitize_markdown(fits, max_chars=40) == fits
    cut = sanitize_markdown("y" * 41, max_chars=40)
    assert cut == "y" * (40 - len(TRUNCATION_MARK)) + TRUNCATION_MARK
    assert sanitize_markdown("z" * 20, max_chars=3) == TRUNCATION_MARK


def test_links_inside_the_repository_are_kept_and_others_lose_their_target() -> None:
    text = f"[a]({REPO}/blob/main/x.py) [b]({REPO}) [c]({REPO}#readme) [d](#anchor) [e]({REPO}-evil/x) [f]()"
    assert sanitize_markdown(text, repo_url=REPO) == (
        f"[a]({REPO}/blob/main/x.py) [b]({REPO}) [c]({REPO}#readme) [d](#anchor) e f"
    )


def test_without_a_repository_only_anchors_stay_links() -> None:
    assert sanitize_markdown(f"[a]({REPO}/x) [b](#top)") == "a [b](#top)"
    assert sanitize_markdown(f"see {REPO}/x") == f"see `{REPO}/x`"


def test_bare_urls_inside_the_repository_stay_linkable() -> None:
    assert sanitize_markdown(f"see {REPO}/pull/3 and http://evil.example", repo_url=REPO) == (
        f"see {REPO}/pull/3 and `http://evil.example`"
    )


def test_reference_links_keep_their_text_and_lose_their_definition() -> None:
    assert sanitize_markdown("read [the docs][1] now\n[1]: https://evil.example") == "read the docs now\n"


def test_carriage_returns_become_newlines_and_tabs_stay() -> None:
    assert strip_invisible("a\r\nb\rc\td\x07") == "a\nb\nc\td"
    assert sanitize_code("a\r\n\tb\x00") == "a\n\tb"


def test_sanitize_code_accepts_exactly_max_chars_and_rejects_tilde_fences() -> None:
    assert sanitize_code("x" * 10, max_chars=10) == "x" * 10
    assert sanitize_code("x" * 11, max_chars=10) is None
    assert sanitize_code("a\n~~~\nb") is None


def test_the_default_cap_is_4000_characters() -> None:
    assert sanitize_markdown("x" * 4000) == "x" * 4000
    capped = sanitize_markdown("x" * 4001)
    assert len(capped) == 4000 and capped.endswith(TRUNCATION_MARK)
    assert sanitize_code("x" * 4000) == "x" * 4000 and sanitize_code("x" * 4001) is None


def test_prose_around_and_between_in_repo_links_is_sanitized() -> None:
    text = f"cc @alice [a]({REPO}/x) cc @bob [b]({REPO}/y) cc @carol"
    assert sanitize_markdown(text, repo_url=REPO) == (
        f"cc `@alice` [a]({REPO}/x) cc `@bob` [b]({REPO}/y) cc `@carol`"
    )


def test_the_target_of_an_in_repo_link_is_kept_exactly() -> None:
    text = f"[contact](#team-@bob) and [src]({REPO}/blob/main/a.py#L1-@x)"
    assert sanitize_markdown(text, repo_url=REPO) == text


def test_a_repository_url_with_a_trailing_slash_works_the_same() -> None:
    text = f"[a]({REPO}/x) and {REPO}/pull/1"
    assert sanitize_markdown(text, repo_url=REPO + "/") == text


def test_private_use_characters_and_lone_surrogates_are_removed() -> None:
    """Both can reach us from JSON (`\\ue000`, `\\ud800`): they render as nothing or as garbage."""
    hostile = "is\ue000Ad\ud800min\U000f0000 = True"
    assert strip_invisible(hostile) == "isAdmin = True"
    assert sanitize_markdown(hostile) == "isAdmin = True"
    assert sanitize_code(hostile) == "isAdmin = True"


def test_line_breaks_in_prose_before_a_fence_are_kept() -> None:
    text = "First line\nsecond line\n```\ncode\n```\nlast"
    assert sanitize_markdown(text) == text
