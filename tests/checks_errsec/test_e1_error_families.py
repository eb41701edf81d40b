"""Checks added for the e1 error families: GO-DEFER-ERR-OVERWRITE (a deferred closure that overwrites the
named error result), read on whole files only since it needs the function's signature and the closure's
end; ANY-BATCH-FAILURES-IGNORED and JAVA-FINALLY-EXIT have hunk-safe fixtures next to the other checks."""

from __future__ import annotations

from .helpers import DATA, expected, findings_of


def test_defer_overwrite_fixture_matches_its_markers() -> None:
    name = "defer_overwrite.go"
    text = (DATA / "whole_file_only" / name).read_text()
    assert expected(text)
    assert findings_of(name, text) == expected(text)


def test_defer_overwrite_is_quiet_in_go_tests() -> None:
    text = (DATA / "whole_file_only" / "defer_overwrite.go").read_text()
    assert not {rule for _, rule in findings_of("archive/defer_overwrite_test.go", text)} & {"GO-DEFER-ERR-OVERWRITE"}
