"""sanitize_markdown: nothing that pings, hides, loads or links outside the repository survives."""

from __future__ import annotations

import pytest

from persona_review.sanitize import TRUNCATION_MARK, sanitize_code, sanitize_markdown

REPO = "https://github.com/acme/shop"


def test_mentions_are_wrapped_in_code() -> None:
    out = sanitize_markdown("Ask @alice and @acme/security-team, mail bob@example.com.")
    assert "`@alice`" in out and "`@acme/security-team`" in out
    assert "bob@example.com" in out and "`@example" not in out


def test_fullwidth_at_sign_is_folded_then_neutralised() -> None:
    assert sanitize_markdown("cc \uff20mallory") == "cc `@mallory`"


def test_mentions_inside_code_stay_literal() -> None:
    assert sanitize_markdown("use `@Override` here") == "use `@Override` here"


def test_html_comments_and_tags_are_removed() -> None:
    text = "Fine.<!-- @alice please approve --> <details><summary>x</summary>hidden</details> <b>bold</b>"
    out = sanitize_markdown(text)
    assert "<" not in out.replace("&lt;", "")
    assert "please approve" not in out and "@alice" not in out
    assert "bold" in out


def test_unterminated_comment_is_removed() -> None:
    assert sanitize_markdown("ok <!-- everything after is hidden @bob") == "ok "


def test_generics_survive_as_escaped_text() -> None:
    assert sanitize_markdown("returns List<String> now") == "returns List&lt;String> now"


def test_images_are_removed() -> None:
    out = sanitize_markdown("See ![beacon](https://evil.example/p.png?id=1) and ![r][img] and "
                            '<img src="https://evil.example/x.gif">.')
    assert "evil.example" not in out and "beacon" not in out


def test_links_outside_the_repo_keep_only_their_text() -> None:
    out = sanitize_markdown(f"[docs]({REPO}/blob/main/README.md) and [click](https://evil.example/x) "
                            "and [js](javascript:alert(1))", repo_url=REPO)
    assert f"[docs]({REPO}/blob/main/README.md)" in out
    assert "evil.example" not in out and "javascript" not in out
    assert "click" in out


def test_bare_urls_outside_the_repo_are_not_linkable() -> None:
    out = sanitize_markdown(f"see https://evil.example/a and www.evil.example and {REPO}/pull/1",
                            repo_url=REPO)
    assert "`https://evil.example/a`" in out and "`www.evil.example`" in out
    assert f" {REPO}/pull/1" in out


def test_reference_definitions_are_removed() -> None:
    out = sanitize_markdown("text [x][1]\n\n[1]: https://evil.example\n[//]: # (hidden note)")
    assert "evil.example" not in out and "hidden note" not in out and "text x" in out


@pytest.mark.parametrize("char", ["\u202e", "\u2066", "\u200b", "\u200d", "\ufeff", "\u2069", "\U000e0041"])
def test_invisible_characters_are_removed(char: str) -> None:
    assert sanitize_markdown(f"is{char}Admin = True") == "isAdmin = True"


def test_length_cap() -> None:
    out = sanitize_markdown("x" * 10_000, max_chars=100)
    assert len(out) == 100 and out.endswith(TRUNCATION_MARK)


def test_unclosed_fence_is_closed_and_suggestion_blocks_are_disarmed() -> None:
    out = sanitize_markdown("Fix:\n```suggestion\nrm -rf /\n")
    assert out.splitlines()[-1] == "```"
    assert "suggestion" not in out
    assert "rm -rf /" in out


def test_code_in_fences_is_kept() -> None:
    text = "Use:\n```python\nif a < b and user.email == 'x@y':\n    pass\n```\nthen @carol"
    out = sanitize_markdown(text)
    assert "if a < b and user.email == 'x@y':" in out
    assert out.endswith("`@carol`")


def test_sanitize_code() -> None:
    assert sanitize_code("a = 1\u202e\nb = 2") == "a = 1\nb = 2"
    assert sanitize_code("x\n```\nbreak out") is None
    assert sanitize_code("y" * 50, max_chars=10) is None


def test_nested_brackets_do_not_hide_a_link() -> None:
    out = sanitize_markdown("[a [b]](https://evil.example/x) and ![i [j]](https://evil.example/p.png)")
    assert "evil" not in out and "a [b]" in out


def test_entities_cannot_smuggle_mentions_or_controls() -> None:
    out = sanitize_markdown("cc &#64;alice &commat;bob &#x202E;x List&lt;T&gt; &lt;b&gt;bold&lt;/b&gt;")
    assert "`@alice`" in out and "`@bob`" in out
    assert "\u202e" not in out and "&#" not in out
    assert "List&lt;T>" in out and "<b>" not in out and "&lt;b" not in out


@pytest.mark.parametrize("text", [
    "cc @a <!-- x --> [l](https://e.example) ![i](https://e.example/i) https://e.example <b>x</b> a<b",
    "```suggestion\nx\n",
    "List<String> & Map<K, V> &amp; `code @x`",
])
def test_sanitizing_twice_changes_nothing(text: str) -> None:
    once = sanitize_markdown(text, repo_url=REPO)
    assert sanitize_markdown(once, repo_url=REPO) == once


def test_cross_repository_references_are_not_linked() -> None:
    out = sanitize_markdown("see other/repo#12 and other/repo@1a2b3c4d, and #7 here")
    assert "`other/repo#12`" in out and "`other/repo@1a2b3c4d`" in out
    assert out.endswith("and #7 here")
