"""XPath expressions built from request data reaching lxml's other entry points (ETXPath, evaluator
objects called directly or through `evaluate`) and the elementpath package. A line marked `# <-` is
reported, every other line is not; values bound as XPath variables are safe."""

from __future__ import annotations

import textwrap

from persona_review.checks.py_flow_security import xpath_injection
from persona_review.contexts import context_for_text


def _check(source: str) -> None:
    text = textwrap.dedent(source).lstrip("\n")
    got = sorted({hit.line for hit in xpath_injection(context_for_text("app/views.py", text)) if hit.line})
    want = [n for n, line in enumerate(text.splitlines(), start=1) if line.rstrip().endswith("# <-")]
    assert got == want


def test_lxml_evaluators_and_etxpath_are_xpath_sinks() -> None:
    _check("""
        from lxml import etree
        from flask import request

        def view(doc):
            name = request.args["name"]
            query = "//user[@name='" + name + "']"
            etree.ETXPath(query)  # <-
            evaluator = etree.XPathEvaluator(doc)
            evaluator(query)  # <-
            evaluator.evaluate(query)  # <-
            etree.XPathDocumentEvaluator(doc)(query)  # <-
            evaluator("//user[@name=$n]", n=name)
            evaluator("//user[@name='admin']")
            etree.XPathEvaluator(etree.fromstring(request.data))
            other = make_thing()
            other(query)
        """)


def test_elementpath_selections_are_xpath_sinks() -> None:
    _check("""
        import elementpath
        from flask import request

        def view(root):
            name = request.args["name"]
            elementpath.select(root, f"//user[@name='{name}']")  # <-
            elementpath.iter_select(root, f"//user[@name='{name}']")  # <-
            elementpath.Selector(f"//user[@name='{name}']")  # <-
            elementpath.select(root, "//user[@name=$n]", variables={"n": name})
        """)
