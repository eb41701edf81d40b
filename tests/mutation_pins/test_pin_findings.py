"""Severity order, fingerprints and sort order: the identities that decide what is new and what leads."""

from __future__ import annotations

import itertools

from persona_review.findings import (
    Category,
    Finding,
    Placement,
    Severity,
    assign_fingerprints,
    normalize_code,
    sort_key,
    with_earlier_fingerprints,
)
from persona_review.reporters.json_report import finding_dict

ORDER = [Severity.LOW, Severity.MEDIUM, Severity.HIGH, Severity.CRITICAL]


def finding(line: int | None = 5, code: str = "except Exception:", **kw: object) -> Finding:
    base: dict[str, object] = dict(
        path="svc/a.py", line=line, category=Category.ERROR_HANDLING, severity=Severity.MEDIUM,
        checklist_item="ERR-01", title="t", body="b", rule_id="PY-X", code=code,
    )
    base.update(kw)
    return Finding(**base)  # type: ignore[arg-type]


def test_each_severity_is_at_least_itself_and_those_below_and_never_those_above() -> None:
    for (i, a), (j, b) in itertools.product(enumerate(ORDER), repeat=2):
        assert a.at_least(b) is (i >= j), (a, b)


def test_severity_ranks_are_distinct_and_ordered() -> None:
    assert [s.rank for s in ORDER] == sorted({s.rank for s in ORDER})
    assert Severity.MEDIUM.rank != Severity.LOW.rank
    assert Severity.CRITICAL.rank > Severity.HIGH.rank > Severity.MEDIUM.rank > Severity.LOW.rank


def test_the_json_contract_names_every_severity_category_and_placement() -> None:
    """The names other tools read (and config files use): stable, never empty, never renamed."""
    severities = {finding_dict(finding(severity=s))["severity"] for s in Severity}
    assert severities == {"critical", "high", "medium", "low"}
    categories = {finding_dict(finding(category=c))["category"] for c in Category}
    assert categories == {"error-handling", "security", "migration-safety", "data-integrity", "api-design"}
    placements = {finding_dict(finding(placement=p))["placement"] for p in Placement}
    assert placements == {"unplaced", "inline", "file"}
    assert finding(source="model").source == "model" and finding().source == "checks"


def test_findings_sort_most_severe_first_then_by_path_and_line() -> None:
    findings = [
        finding(9, severity=Severity.LOW, path="a.py"),
        finding(3, severity=Severity.MEDIUM, path="b.py"),
        finding(None, severity=Severity.MEDIUM, path="b.py"),
        finding(7, severity=Severity.MEDIUM, path="a.py"),
        finding(1, severity=Severity.CRITICAL, path="z.py"),
        finding(2, severity=Severity.HIGH, path="a.py"),
    ]
    ordered = sorted(findings, key=sort_key)
    assert [(f.severity, f.path, f.line) for f in ordered] == [
        (Severity.CRITICAL, "z.py", 1), (Severity.HIGH, "a.py", 2), (Severity.MEDIUM, "a.py", 7),
        (Severity.MEDIUM, "b.py", None), (Severity.MEDIUM, "b.py", 3), (Severity.LOW, "a.py", 9),
    ]


def test_last_line_is_the_end_of_a_range_or_the_line() -> None:
    assert finding(4, end_line=8).last_line == 8
    assert finding(4).last_line == 4
    assert finding(None).last_line is None


def test_normalize_code_folds_all_white_space() -> None:
    assert normalize_code("  if  x:\n\t  return\r\n") == "if x: return"


def _fp(f: Finding) -> str:
    (out,) = assign_fingerprints([f])
    return out.fingerprint


def test_a_fingerprint_ignores_the_line_number_and_re_indentation() -> None:
    fp = _fp(finding(5))
    assert len(fp) == 16 and int(fp, 16) >= 0
    assert _fp(finding(50)) == fp
    assert _fp(finding(5, code="    except   Exception:  ")) == fp
    assert _fp(finding(5, title="other", body="other", severity=Severity.HIGH, rule_id="PY-Y")) == fp


def test_a_fingerprint_changes_with_category_path_item_or_code() -> None:
    fp = _fp(finding())
    others = [
        finding(category=Category.SECURITY), finding(path="svc/b.py"), finding(checklist_item="ERR-02"),
        finding(code="except ValueError:"),
    ]
    fps = {_fp(f) for f in others}
    assert fp not in fps and len(fps) == len(others)


def test_repeated_findings_in_a_file_get_distinct_fingerprints_in_order_of_appearance() -> None:
    first, second, third = finding(10), finding(20), finding(30)
    two = {f.line: f.fingerprint for f in assign_fingerprints([second, first])}
    three = {f.line: f.fingerprint for f in assign_fingerprints([third, first, second])}
    assert len(set(three.values())) == 3
    assert two[10] == three[10] == _fp(first), "the first occurrence keeps its fingerprint"
    assert two[20] == three[20], "a later copy does not change the earlier ones"


def test_findings_come_back_ordered_by_path_then_line() -> None:
    out = assign_fingerprints([finding(9, path="b.py"), finding(None, path="b.py"), finding(3, path="a.py")])
    assert [(f.path, f.line) for f in out] == [("a.py", 3), ("b.py", None), ("b.py", 9)]


def test_fingerprints_do_not_run_their_fields_together() -> None:
    a = finding(path="svc/a.py", checklist_item="X1", code="y")
    b = finding(path="svc/a.pyX", checklist_item="1", code="y")
    assert _fp(a) != _fp(b)


def test_fingerprints_stay_what_earlier_versions_posted() -> None:
    """Fingerprints live on in the markers of comments already posted: if the same finding got a new
    fingerprint after an upgrade, every open pull request would get its comments a second time."""
    first, second = assign_fingerprints([finding(5), finding(9)])
    # The first scheme (order among same-code findings in the file) lives on as the rank fingerprint,
    # which is how comments posted before the scoped scheme are still recognised.
    assert (first.rank_fingerprint, second.rank_fingerprint) == ("f2ce1f607281ea26", "5c90ee5138956433")
    # The scoped scheme (version 2), without a scope and with one, must not drift either.
    assert (first.fingerprint, second.fingerprint) == ("866e8408f70890db", "2f3ae71489e465bb")
    scoped = assign_fingerprints([finding(5), finding(9)], scope_of=lambda f: "def f" if f.line == 5 else "def g")
    assert [(f.fingerprint, f.rank_fingerprint) for f in scoped] == [
        ("7874b2b49b4c61d6", "f2ce1f607281ea26"), ("10550c8a966d49ab", "5c90ee5138956433")]


def test_fingerprints_and_order_do_not_depend_on_the_order_findings_arrive_in() -> None:
    whole_file = finding(None)
    first_line = finding(1)
    one = {(f.line, f.fingerprint) for f in assign_fingerprints([first_line, whole_file])}
    other = {(f.line, f.fingerprint) for f in assign_fingerprints([whole_file, first_line])}
    assert one == other and len({fp for _, fp in one}) == 2
    assert [f.line for f in sorted([first_line, whole_file], key=sort_key)] == [None, 1]
    assert [f.line for f in sorted([whole_file, first_line], key=sort_key)] == [None, 1]


def test_a_renamed_files_findings_carry_the_fingerprints_they_had_at_the_earlier_path() -> None:
    scopes = {3: "Orders.cancel", 9: "Orders.cancel", 20: "refund"}

    def scope_of(f: Finding) -> str:
        return scopes.get(f.line or 0, "")

    def at(path: str) -> list[Finding]:
        items = [finding(line=n, path=path) for n in (20, 3, 9)] + [finding(line=None, path=path)]
        return [*items, finding(line=4, path="svc/other.py")]

    before = {(f.line, f.path): f.fingerprint for f in assign_fingerprints(at("svc/old.py"), scope_of)}
    now = with_earlier_fingerprints(assign_fingerprints(at("svc/new.py"), scope_of),
                                    {"svc/new.py": "svc/old.py", "svc/gone.py": "svc/x.py"}, scope_of)
    moved = {f.line: f for f in now if f.path == "svc/new.py"}
    assert {n: f.earlier_fingerprint for n, f in moved.items()} == {
        n: before[(n, "svc/old.py")] for n in (3, 9, 20, None)}, "same scope and order as before the rename"
    assert len({f.earlier_fingerprint for f in moved.values()}) == 4
    assert all(f.earlier_fingerprint != f.fingerprint for f in moved.values())
    (other,) = [f for f in now if f.path == "svc/other.py"]
    assert other.earlier_fingerprint == "", "a file that kept its path has no earlier fingerprint"
    unchanged = assign_fingerprints(at("svc/new.py"), scope_of)
    assert with_earlier_fingerprints(unchanged, {"svc/new.py": "svc/new.py"}, scope_of) == unchanged


def test_without_scopes_a_renamed_files_findings_still_carry_their_earlier_fingerprints() -> None:
    # Callers that know no functions or classes (scope_of left out) get the earlier path's fingerprints
    # as assign_fingerprints gave them without scopes, and nothing is asked of a scope reader.
    def at(path: str) -> list[Finding]:
        return [finding(line=n, path=path) for n in (12, 5)] + [finding(line=None, path=path)]

    before = {f.line: f.fingerprint for f in assign_fingerprints(at("api/old.py"))}
    now = with_earlier_fingerprints(assign_fingerprints(at("api/new.py")), {"api/new.py": "api/old.py"})
    assert {f.line: f.earlier_fingerprint for f in now} == before
