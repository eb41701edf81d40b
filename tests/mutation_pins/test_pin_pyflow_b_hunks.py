"""How the Python data-flow layer reads a file it only partly knows: the whole file when it parses, else
each hunk cut down to something that parses (from its least indented line near the top, a few lines off
its end, a bounded number of tries), with findings on the file's own line numbers. And the per-file
cache that lets every check share one analysis."""

from __future__ import annotations

import ast
import textwrap
import weakref

from persona_review.checks._pyflow import flows
from persona_review.checks.base import FileContext
from persona_review.checks.py_flow_security import path_traversal
from persona_review.contexts import context_for_text

SINK = "open(request.args['f'])"
MAX_TRIM = 6  # the documented bounds, written out: a test that imported them would move with them
MAX_ATTEMPTS = 8
MAX_CACHED = 32


def hunks(*runs: tuple[int, list[str]]) -> FileContext:
    """A file known only by its hunks: (first line number, texts) each."""
    lines = {first + i: text for first, texts in runs for i, text in enumerate(texts)}
    return FileContext(path="app.py", language="python", lines=lines, added=frozenset(lines), whole_file=False)


def lines_found(ctx: FileContext) -> list[int]:
    return [hit.line for hit in path_traversal(ctx)]


ELSEWHERE = (200, ["x = 1"])
"""A second hunk, so that the file is read hunk by hunk."""


# --- whole files ------------------------------------------------------------------------------------------


def test_a_whole_file_is_read_as_one_module_with_its_own_line_numbers() -> None:
    text = "\n" * 8 + textwrap.dedent("""\
        import os


        def load():
            p = request.args["p"]
            return p
        open(load())
        """) + SINK
    ctx = context_for_text("app.py", text)
    # `load()` returns request data, so its call is a sink too (line 15)
    assert lines_found(ctx) == [15, 16], "blank lines at the top count, and the last line is read"
    [flow] = flows(ctx)
    assert flow.offset == 0


def test_a_single_hunk_is_read_in_place_when_it_parses() -> None:
    ctx = hunks((10, [""] * 7 + ["import os", SINK]))
    assert lines_found(ctx) == [18]


def test_a_whole_file_that_does_not_parse_is_read_in_pieces() -> None:
    text = "def broken(:\n    pass\n" + SINK
    ctx = context_for_text("app.py", text)
    assert lines_found(ctx) == [3]


# --- hunks ------------------------------------------------------------------------------------------------


def test_each_hunk_is_read_with_the_files_line_numbers() -> None:
    ctx = hunks((5, [SINK]), (30, ["    " + SINK, "    x = 1"]))
    assert lines_found(ctx) == [5, 30]


def test_a_value_does_not_flow_across_lines_the_diff_does_not_show() -> None:
    ctx = hunks((1, ["def view():", "    p = request.args['p']"]), (10, ["    open(p)"]))
    assert lines_found(ctx) == [], "the hidden lines in between may have replaced p"


def test_a_hunk_that_starts_inside_a_block_is_read_from_its_least_indented_line() -> None:
    body = ["    a = 1", "    b = 2", "    c = 3", "    d = 4", "    e = 5"]
    ctx = hunks((20, [*body, SINK, "x = 1"]), ELSEWHERE)
    assert lines_found(ctx) == [25], "the sixth line is the least indented: the hunk is read from there"


def test_a_hunk_that_ends_in_a_new_block_is_read_up_to_it() -> None:
    body = ["    p = request.args['f']", "    open(p)", "    c = 3", "    d = 4", "    e = 5", "    f = 6"]
    ctx = hunks((20, [*body, "def other():"]), ELSEWHERE)
    assert lines_found(ctx) == [21], "the seventh line is not looked at for where to start"


def test_blank_lines_at_the_top_of_a_hunk_are_not_a_place_to_start() -> None:
    ctx = hunks((20, ["", "    x = 1", SINK]), ELSEWHERE)
    assert lines_found(ctx) == [22]


def test_a_hunk_of_blank_lines_leaves_the_others_alone() -> None:
    ctx = hunks((20, [""] * (MAX_TRIM + 1) + [SINK]), (100, [SINK]))
    assert lines_found(ctx) == [100]


def test_the_end_of_a_hunk_is_cut_by_up_to_three_lines() -> None:
    texts = [")", "p = request.args['f']", "open(p)", "q = 1", "while (", "    a,", "    b"]
    assert lines_found(hunks((20, texts), ELSEWHERE)) == [22]


def test_the_end_of_a_hunk_is_not_cut_by_four() -> None:
    texts = [SINK, "while (", "    a,", "    b", "    c"]
    ctx = hunks((20, texts), ELSEWHERE)
    assert lines_found(ctx) == []
    assert lines_found(hunks((20, texts[:-1]), ELSEWHERE)) == [20], "three lines off: read"


def test_up_to_three_starting_lines_are_tried() -> None:
    texts = [")", ")", SINK, "q = 1"]
    assert lines_found(hunks((20, texts), ELSEWHERE)) == [22], "the third start, the eighth cut"


def test_a_hunk_gets_at_most_eight_cuts() -> None:
    texts = [")", ")", SINK, "q = 1", "r = 2"]
    assert lines_found(hunks((20, texts), ELSEWHERE)) == [], "the ninth cut would have parsed"
    assert lines_found(hunks((20, texts[1:]), ELSEWHERE)) == [21]


# --- the shared analysis ------------------------------------------------------------------------------------


def test_checks_asking_for_the_same_file_share_one_analysis() -> None:
    first = context_for_text("a.py", SINK)
    second = context_for_text("b.py", SINK)
    flows_of_first = flows(first)
    flows_of_second = flows(second)
    assert flows(first) is flows_of_first and flows(second) is flows_of_second
    assert flows_of_first is not flows_of_second


def test_the_shared_analyses_are_bounded() -> None:
    ctx = context_for_text("a.py", SINK)
    [flow] = flows(ctx)
    kept = weakref.ref(flow)
    del flow
    for n in range(MAX_CACHED + 8):
        flows(context_for_text(f"other{n}.py", "x = 1"))
    assert kept() is None, "an analysis of a file reviewed long ago is let go"


def test_every_node_of_a_kind_is_found_in_walk_order() -> None:
    source = textwrap.dedent("""\
        @route(make("/a"))
        def view(x=default()):
            global counter
            y = outer(inner(x), key=kw())
            return [item(z) for z in gen()] if cond() else other()
        """)
    [flow] = flows(context_for_text("app.py", source))
    tree = ast.parse(source)
    for kind in (ast.Call, ast.Name, ast.FunctionDef, ast.Global, ast.keyword):
        expected = [ast.dump(node) for node in ast.walk(tree) if isinstance(node, kind)]
        assert [ast.dump(node) for node in flow.nodes(kind)] == expected, kind
    assert len(flow.nodes(ast.Call)) == 10
