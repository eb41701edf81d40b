"""Pins for the text the Python data flow computes from literals (`checks/_pyflow.py`: `_literal_result`,
`_formatted`, the decoders that undo a URL check): what `sink(bar)` receives, exact text when every part
is literal, unknown text otherwise. Found by the mutation pass as survivors of the constant cases."""

from __future__ import annotations

import textwrap

import pytest

from persona_review.checks import _pyflow
from persona_review.checks import py_flow_security as sec
from persona_review.contexts import context_for_text

HEAD = """import base64
import codecs
import html
import urllib.parse
from urllib.parse import unquote, unquote_plus
from base64 import b64decode


def view(request):
"""
MAX = _pyflow.MAX_TEXT


def sink_start(body: str) -> str | None:
    """The literal text known of what `sink(...)` receives (None: not known)."""
    text = HEAD + textwrap.indent(textwrap.dedent(body).strip("\n"), "    ") + "\n"
    starts = [call.args[0].start for flow in _pyflow.flows(context_for_text("v.py", text))
              for call in flow.calls if call.name == "sink"]
    assert len(starts) == 1
    return starts[0]


_METHOD_ARGS = {"replace": ("F", "G"), "removeprefix": (" x",), "removesuffix": ("y ",)}


_METHODS = ["capitalize", "casefold", "lower", "lstrip", "removeprefix", "removesuffix", "replace", "rstrip",
            "strip", "title", "upper"]
"""Written out, not read from the table: a test parametrized by the table cannot see an entry go missing."""


def test_every_text_method_is_pinned() -> None:
    assert set(_METHODS) == _pyflow._TEXT_METHODS


@pytest.mark.parametrize("method", _METHODS)
def test_a_str_method_of_literal_text_is_computed(method: str) -> None:
    args = _METHOD_ARGS.get(method, ())
    expected = getattr(str, method)(" xFixed-y ", *args)
    assert expected != " xFixed-y "
    written = ", ".join(f'"{arg}"' for arg in args)
    assert sink_start(f'bar = " xFixed-y ".{method}({written})\nsink(bar)') == expected


def test_an_unknown_method_or_a_keyword_argument_leaves_the_text_unknown() -> None:
    assert sink_start('bar = " x ".frobnicate()\nsink(bar)') is None
    assert sink_start('bar = "ab".encode(encoding="ascii")\nsink(bar)') is None
    assert sink_start('bar = "ab".encode("ascii")\nsink(bar)') == "ab"
    assert sink_start('bar = "a-b".replace(*("-", "+"))\nsink(bar)') is None


@pytest.mark.parametrize(("length", "computed"), [(63, True), (64, False)])
def test_a_replace_is_computed_up_to_the_bound_it_could_grow_to(length: int, computed: bool) -> None:
    """(characters + 1) x the replacement's length against MAX_TEXT (4096): 64 x 64 is computed, 65 x 64
    is not, even though the result itself would fit."""
    text, new = "x" * length, "y" * 64
    found = sink_start(f'bar = "{text}".replace("x", "{new}")\nsink(bar)')
    assert found == (new * length if computed else None)


def test_a_replace_of_a_short_text_by_a_long_one_is_bounded_by_the_new_text() -> None:
    assert sink_start(f'bar = "{"x" * 64}".replace("x", "{"y" * 64}")\nsink(bar)') is None
    assert sink_start(f'bar = "{"x" * 64}".replace("{"x" * 64}", "y")\nsink(bar)') == "y"


def test_a_replace_by_one_character_or_none_counts_as_one() -> None:
    """The bound takes a replacement of length 0 or 1 as 1: half the bound is computed, the whole bound
    plus the character that could be added is not, even when the replacement is empty."""
    assert sink_start(f'bar = "{"x" * 2048}".replace("x", "y")\nsink(bar)') == "y" * 2048
    assert sink_start(f'bar = "{"x" * MAX}".replace("x", "")\nsink(bar)') is None


def test_a_result_of_exactly_the_bound_is_kept_and_a_longer_one_is_not() -> None:
    assert sink_start(f'bar = "{"x" * MAX}".upper()\nsink(bar)') == "X" * MAX
    assert sink_start(f'bar = base64.b64encode("{"x" * 4000}")\nsink(bar)') is None
    assert sink_start(f'bar = "{{}}".format("{"x" * MAX}")\nsink(bar)') == "x" * MAX
    assert sink_start(f'bar = "{{}}-".format("{"x" * MAX}")\nsink(bar)') is None


@pytest.mark.parametrize("template", ['"{0:>3}"', '"{1}"', '"{x}"'])
def test_a_format_that_cannot_be_computed_gives_unknown_text(template: str) -> None:
    assert sink_start(f'bar = {template}.format("a")\nsink(bar)') is None


_DECODERS = ["base64.b64decode", "base64.urlsafe_b64decode", "b64decode", "codecs.decode", "html.unescape",
             "unquote", "unquote_plus", "urllib.parse.unquote", "urllib.parse.unquote_plus"]


def test_every_decoder_is_pinned() -> None:
    assert set(_DECODERS) == _pyflow._DECODERS


@pytest.mark.parametrize("decoder", _DECODERS)
def test_a_checked_url_decoded_again_is_no_longer_checked(decoder: str) -> None:
    source = f"""
        import base64
        import codecs
        import html
        import urllib.parse
        from base64 import b64decode
        from urllib.parse import unquote, unquote_plus
        from django.http import HttpResponseRedirect
        from django.utils.http import url_has_allowed_host_and_scheme

        def view(request):
            target = request.GET.get("next")
            if url_has_allowed_host_and_scheme(url=target, allowed_hosts={{request.get_host()}}):
                return HttpResponseRedirect({decoder}(target))

        def kept(request):
            target = request.GET.get("next")
            if url_has_allowed_host_and_scheme(url=target, allowed_hosts={{request.get_host()}}):
                return HttpResponseRedirect(target)
        """
    text = textwrap.dedent(source).lstrip()
    lines = [hit.line for hit in sec.open_redirect(context_for_text("views.py", text))]
    flagged = text.splitlines().index(f"        return HttpResponseRedirect({decoder}(target))") + 1
    assert lines == [flagged]


_FUNCTIONS = {
    "str": ("a b", "a b"), "io.StringIO": ("a b", "a b"),
    "StringIO": ("a b", "a b"), "io.BytesIO": ("a b", "a b"),
    "BytesIO": ("a b", "a b"),
    "base64.b64encode": ("a b", "YSBi"), "b64encode": ("a b", "YSBi"),
    "base64.b64decode": ("YSBi", "a b"), "b64decode": ("YSBi", "a b"),
    "base64.urlsafe_b64encode": ("?>", "Pz4="),
    "base64.urlsafe_b64decode": ("Pz4=", "?>"),
    "urllib.parse.unquote": ("a%20b+c", "a b+c"),
    "unquote": ("a%20b+c", "a b+c"),
    "urllib.parse.unquote_plus": ("a%20b+c", "a b c"),
    "unquote_plus": ("a%20b+c", "a b c"),
    "urllib.parse.quote": ("a b/c", "a%20b/c"), "quote": ("a b/c", "a%20b/c"),
    "urllib.parse.quote_plus": ("a b/c", "a+b%2Fc"),
    "quote_plus": ("a b/c", "a+b%2Fc"),
    "html.escape": ("<a>", "&lt;a&gt;"), "html.unescape": ("&lt;a&gt;", "<a>"),
}
"""Each text function, with a literal argument and the text it gives (written out, not computed here)."""


def test_every_text_function_is_pinned() -> None:
    assert set(_FUNCTIONS) == set(_pyflow._TEXT_FUNCTIONS)


@pytest.mark.parametrize("name", sorted(_FUNCTIONS))
def test_a_text_function_of_literal_text_is_computed(name: str) -> None:
    argument, expected = _FUNCTIONS[name]
    imports = "import io\nfrom io import StringIO, BytesIO\nfrom urllib.parse import quote, quote_plus\n"
    assert sink_start(f'{imports}bar = {name}("{argument}")\nsink(bar)') == expected


def test_text_that_is_not_base64_is_not_computed() -> None:
    assert sink_start('bar = base64.b64decode("a")\nsink(bar)') is None
