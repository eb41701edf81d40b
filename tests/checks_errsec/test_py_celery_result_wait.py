"""PY-CELERY-RESULT-WAIT: a Celery task result waited on without a timeout, in code written for these
tests."""

from __future__ import annotations

from .helpers import DATA, expected, findings_of

RULE = "PY-CELERY-RESULT-WAIT"


def test_the_fixture_flags_exactly_the_marked_lines() -> None:
    text = (DATA / "celery_result_wait.py").read_text()
    want = sorted(line for line, rule in expected(text) if rule == RULE)
    assert want == [10, 17, 22]
    assert sorted(line for line, rule in findings_of("dispatch/routes/api.py", text) if rule == RULE) == want


def test_a_mapping_get_or_a_timeout_from_settings_is_not_a_wait() -> None:
    code = (
        "from dispatch.tasks import solve_route\n"
        "\n"
        "def run(route, cfg, **opts):\n"
        "    result = solve_route.delay(route.id)\n"
        "    limit = cfg.get('solver_timeout')\n"
        "    return result.get(timeout=limit), result.get(**opts)\n"
    )
    assert [line for line, rule in findings_of("dispatch/routes/api.py", code) if rule == RULE] == []
