"""The engine's shortcut for pure methods (`checks/_tsflow/engine.py`, `_PURE` in `_Run._result`): a
`toString()`, `trim()` or `substring(...)` of a value built from literals is built from literals too, and
still carries what followed its parts (a predictable generator's flag, the taint of a validated value).
Each test reads what `sink(...)` calls receive, or runs the check that reads the flags."""

from __future__ import annotations

import textwrap

from tests.checks_errsec.helpers import findings_of

from persona_review.checks._tsflow import Value, flows
from persona_review.contexts import context_for_text


def sinks(path: str, source: str) -> list[Value]:
    [flow] = flows(context_for_text(path, textwrap.dedent(source)))
    return [site.args[0] for site in flow.calls if site.call.method == "sink"]


def randoms(values: list[Value]) -> list[bool]:
    return [any(f.startswith("weak-random:") for f in v.flags) for v in values]


def test_a_pure_method_on_a_fixed_number_keeps_its_weak_random_flag() -> None:
    values = sinks("a.js", """
        function reset(req, res) {
          const n = Math.floor(Math.random() * 1000000);
          sink(n.toString());
          sink(n.toString(36).trim());
          sink("123".trim());
        }
        """)
    assert randoms(values) == [True, True, False]
    assert [v.fixed for v in values] == [True, True, True]
    assert values[2].known and values[2].const == "123"


def test_a_pure_method_keeps_the_flag_of_an_argument_too() -> None:
    values = sinks("a.js", """
        function reset(req, res) {
          const n = Math.floor(Math.random() * 1000000);
          sink("x".repeat(n));
        }
        """)
    assert randoms(values) == [True]


def test_a_validated_random_value_keeps_its_flag_through_a_pure_method() -> None:
    values = sinks("A.java", """
        class A {
          void run(java.util.Random r) {
            String t = String.valueOf(r.nextInt());
            if (isValid(t)) {
              sink(t.trim());
            }
          }
        }
        """)
    assert randoms(values) == [True]
    assert values[0].fixed


def test_a_reset_code_made_from_a_floored_random_number_is_reported() -> None:
    source = textwrap.dedent("""
        function reset(req, res) {
          const n = Math.floor(Math.random() * 1000000);
          const otp = n.toString();
          res.send(otp);
        }
        """)
    assert (3, "JS-INSECURE-RANDOM") in findings_of("reset.js", source)
    plain = source.replace("Math.floor(Math.random() * 1000000)", "Math.floor(Date.now() / 1000)")
    assert not any(rule == "JS-INSECURE-RANDOM" for _, rule in findings_of("reset.js", plain))
