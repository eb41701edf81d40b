"""A swallowed or over-broad handler is named with the call its own `try` guards, never one of an earlier
`try` (a one-line `try { ... } catch`, a handler in the next method)."""

from __future__ import annotations

from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text

JAVA = """package a;
class Svc {
  void read() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
    }
  }
  Object parse(String s) {
    try { return mapper.readValue(s, Object.class); } catch (Throwable t) { return null; }
  }
  void close() {
    try (Connection c = pool.open()) { c.ping(); } catch (Exception e) { }
  }
  void send() {
    log.info("sending");
    } catch (Exception e) {
      audit();
    }
  }
}
"""

PYTHON = """def load(path):
    try:
        data = read(path)
    except ValueError:
        raise
    except Exception:
        pass


def other():
    except_count = 0
    for item in items():
        try_again = False
        try:
            push(item)
        except:
            continue
"""


def _titles(path: str, text: str) -> dict[int, str]:
    return {f.line or 0: f.title for f in run_checks([context_for_text(path, text)]).findings
            if "CATCH" in f.rule_id or "EXCEPT" in f.rule_id}


def test_java_handlers_name_the_call_of_their_own_try() -> None:
    titles = _titles("src/main/java/a/Svc.java", JAVA)
    assert "around `Thread.sleep()`" in titles[6]
    assert "around `mapper.readValue()`" in titles[10]
    assert "around `c.ping()`" in titles[13]
    # a handler whose `try` is not in sight (cut off above the method) names no call of another method
    assert "around" not in titles[17]


def test_python_handlers_of_one_try_share_its_call_and_never_reach_into_another_function() -> None:
    titles = _titles("app/load.py", PYTHON)
    assert "around `read()`" in titles[6]
    assert "around `push()`" in titles[16]
