"""Place findings on the diff and merge the ones that speak of the same thing.

Placement marks, it never drops (reviewdog's rule): a finding on a line GitHub accepts a comment on is
INLINE; anything else (a file-level finding, a line the diff does not show) is FILE and goes to the
review body and summary.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from itertools import pairwise

from persona_review.diff import DiffFile
from persona_review.findings import SOURCE_CHECKS, SOURCE_MODEL, Finding, Placement, normalize_code


def place(finding: Finding, files: Mapping[str, DiffFile]) -> Finding:
    """Mark a finding INLINE when its line (and range) is commentable in one hunk, else FILE.

    A suggested replacement is kept only when every line it replaces is one the PR added: committing a
    suggestion over an unchanged line would delete code the author never touched."""
    diff_file = files.get(finding.path)
    if diff_file is None or finding.line is None or finding.line not in diff_file.commentable:
        return finding.replace(placement=Placement.FILE)
    end = finding.end_line
    if end is not None and not _same_hunk_range(diff_file, finding.line, end):
        return finding.replace(placement=Placement.INLINE, end_line=None, suggested_fix=None)
    if finding.suggested_fix is not None and not replaces_added_lines_only(diff_file, finding.line, end):
        return finding.replace(placement=Placement.INLINE, suggested_fix=None)
    return finding.replace(placement=Placement.INLINE)


def replaces_added_lines_only(diff_file: DiffFile, line: int, end_line: int | None) -> bool:
    """Whether lines line..end_line are all lines the PR added."""
    return all(no in diff_file.added for no in range(line, (end_line or line) + 1))


def _same_hunk_range(diff_file: DiffFile, start: int, end: int) -> bool:
    hunk = diff_file.hunk_for(start)
    if hunk is None or end < start:
        return False
    return all(no in diff_file.commentable for no in range(start, end + 1)) and hunk is diff_file.hunk_for(
        end
    )


def merge(findings: Iterable[Finding]) -> list[Finding]:
    """One comment per (path, line, category): the most severe finding leads and every other one is
    folded into it, its text kept.

    Nothing is lost or distorted: the comment carries every distinct text, the highest severity, and
    its `members` keep each finding's own confidence and fingerprint. The merged confidence is the
    lead's own, never raised by a neighbour (thresholds are applied to each finding before merging).
    Deterministic findings lead on ties so that identities (checklist item, fingerprint) stay the same
    whether or not the model ran; the merged finding names both sources.
    """
    groups: dict[tuple[str, int | None, str], list[Finding]] = {}
    order: list[tuple[str, int | None, str]] = []
    for f in findings:
        # File-level findings are merged only when they say the same thing.
        key = (f.path, f.line, f.category.value) if f.line is not None else (f.path, None, f.title)
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append(f)
    return [_fold(groups[key]) for key in order]


def _fold(group: list[Finding]) -> Finding:
    if len(group) == 1:
        return group[0]
    ranked = sorted(group, key=lambda f: (-f.severity.rank, f.source != SOURCE_CHECKS, -f.confidence))
    lead = ranked[0]
    deterministic = [f for f in ranked if f.source == SOURCE_CHECKS]
    if deterministic and lead.source != SOURCE_CHECKS:
        # Keep the deterministic identity, take the worse severity.
        lead = deterministic[0].replace(severity=lead.severity)
        ranked = [lead] + [f for f in ranked if f is not deterministic[0]]
    extra = []
    said = {normalize_code(lead.body)}
    for other in ranked[1:]:
        if other.source == SOURCE_MODEL:
            # Every distinct model text survives, whatever its checklist item.
            if normalize_code(other.body) in said:
                continue
            said.add(normalize_code(other.body))
            title = f"{other.title}: " if other.title and other.title != lead.title else ""
            extra.append(f"- Also ({other.checklist_item}, {other.source}, {other.severity.value}): "
                         f"{title}{other.body}")
        elif other.checklist_item != lead.checklist_item or other.source != lead.source:
            extra.append(f"- Also ({other.checklist_item}, {other.source}): {other.title}")
    sources = sorted({f.source for f in group} - {"checks+model"})
    source = (
        "checks+model"
        if {SOURCE_CHECKS, SOURCE_MODEL} <= set(sources) or any(f.source == "checks+model" for f in group)
        else lead.source
    )
    body = lead.body if not extra else lead.body + "\n\n" + "\n".join(dict.fromkeys(extra))
    fix = lead.suggested_fix or next(
        (f.suggested_fix for f in ranked if f.suggested_fix and f.end_line == lead.end_line), None
    )
    members = tuple(m for f in group for m in (f.members or (f,)))
    return lead.replace(source=source, body=body, suggested_fix=fix, members=members)


def group_nearby(findings: Iterable[Finding], lines: Mapping[str, Mapping[int, str]]) -> list[Finding]:
    """One card per problem: findings of the same check in one file whose line ranges overlap or touch become
    one finding over their joined range; its body lists the other lines. `lines` (path -> line -> text) lets
    the members' suggested fixes join into one suggestion for the whole range. Order is kept (by lead)."""
    given = list(findings)
    groups: dict[tuple[str, ...], list[list[Finding]]] = {}
    for f in sorted(given, key=lambda f: (f.path, f.line or 0, f.last_line or 0)):
        if f.line is None:
            continue
        kind = f.rule_id if f.rule_id and f.rule_id != "model" else f"{f.checklist_item}\x1f{f.title}"
        runs = groups.setdefault((f.path, f.source, f.category.value, kind), [])
        if runs and f.line <= max(m.last_line or 0 for m in runs[-1]) + 1:
            runs[-1].append(f)
        else:
            runs.append([f])
    runs = [run for per_kind in groups.values() for run in per_kind]
    folded = {id(run[0]): _join(run, lines.get(run[0].path, {})) for run in runs}
    members = {id(f) for run in runs for f in run[1:]}
    return [folded.get(id(f), f) for f in given if id(f) not in members]


def _join(run: list[Finding], lines: Mapping[int, str]) -> Finding:
    if len(run) == 1:
        return run[0]
    lead = run[0]
    last = max(f.last_line or 0 for f in run)
    others = run[1:]
    numbers = ", ".join(_span(f) for f in others)
    titles = list(dict.fromkeys(f.title for f in others if f.title != lead.title))
    more = f"Also on line{'s' if len(others) > 1 or others[0].end_line else ''} {numbers}"
    more += ": " + "; ".join(titles) + "." if titles else "."
    worst = max(run, key=lambda f: f.severity.rank).severity
    return lead.replace(
        end_line=last if last > (lead.line or 0) else None,
        severity=worst,
        body=f"{lead.body}\n\n{more}",
        suggested_fix=_joined_fix(run, lines, last),
        members=tuple(m for f in run for m in (f.members or (f,))),
    )


def _span(f: Finding) -> str:
    return f"{f.line}" if not f.end_line or f.end_line == f.line else f"{f.line}-{f.end_line}"


def _joined_fix(run: list[Finding], lines: Mapping[int, str], last: int) -> str | None:
    """The members' fixes as one replacement of lead.line..last, unchanged lines kept; None when no member
    has a fix, two fixes overlap, or a kept line is unknown."""
    fixes = sorted((f for f in run if f.suggested_fix is not None), key=lambda f: f.line or 0)
    if not fixes:
        return None
    for before, after in pairwise(fixes):
        if (after.line or 0) <= (before.last_line or 0):
            return None
    starts = {f.line: f for f in fixes}
    out: list[str] = []
    no = run[0].line or 0
    while no <= last:
        member = starts.get(no)
        if member is not None and member.suggested_fix is not None:
            out.append(member.suggested_fix)
            no = (member.last_line or no) + 1
        elif no in lines:
            out.append(lines[no])
            no += 1
        else:
            return None
    return "\n".join(out)
