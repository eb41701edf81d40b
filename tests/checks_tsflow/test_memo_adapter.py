"""The memoizing adapter (`_tsflow/memo.py`): the engine records the same flow through it as through the
bare adapter, and a node is converted once however often the engine asks."""

from __future__ import annotations

from persona_review.checks._tsflow import engine, parse
from persona_review.checks._tsflow.memo import MemoAdapter

_JAVA = """class A {
  void run(HttpServletRequest request, boolean c) {
    String p = request.getParameter("p");
    String q = "x";
    for (int i = 0; i < 3; i++) { q = q + p; }
    if (c) { q = "y"; }
    sink(q, p.trim());
  }
}
"""


def _summary(flow: engine.FileFlow) -> list[tuple[str, int, tuple[tuple[bool, object], ...]]]:
    return [(site.call.method, flow.line_of(site.node), tuple((v.tainted, v.const) for v in site.args))
            for site in flow.calls]


def test_the_flow_is_the_same_with_or_without_the_memo() -> None:
    tree = parse.parse_text("java", _JAVA)
    bare = engine.analyse(tree.root_node, parse.adapter_for("java"))
    memo = engine.analyse(tree.root_node, MemoAdapter(parse.adapter_for("java")))
    assert _summary(memo) == _summary(bare)
    assert any(method == "sink" and args[0][0] for method, _line, args in _summary(memo))


def test_each_node_is_converted_once() -> None:
    tree = parse.parse_text("java", _JAVA)
    inner = parse.adapter_for("java")
    memo = MemoAdapter(inner)
    engine.analyse(tree.root_node, memo)
    body = tree.root_node.named_children[0]
    first = memo.expression(body)
    assert memo.expression(body) is first
    assert memo.expression(body.named_children[0]) is not first
    assert memo.language == inner.language and memo.tables is inner.tables
