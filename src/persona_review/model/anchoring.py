"""Placing a model finding on the line it talks about, by the line text it quotes.

Models miscount lines. The quoted text is searched for in the hunk that holds the claimed line (or, when
the claimed line is outside the diff, on lines of other hunks at most `WINDOW` lines from it), and the
match closest to the claimed line wins. Without a match the finding becomes a file-level finding for the
summary: it is never put on a line it may not be about, and never dropped.
"""

from __future__ import annotations

from persona_review.diff import DiffFile, Hunk
from persona_review.findings import SOURCE_MODEL, Finding, Placement, normalize_code
from persona_review.model.schema import MAX_TITLE, ModelItem
from persona_review.placement import replaces_added_lines_only
from persona_review.sanitize import sanitize_code, sanitize_markdown

WINDOW = 8
MIN_PARTIAL_QUOTE = 12
MAX_BODY_CHARS = 3000


def anchor(item: ModelItem, diff_file: DiffFile, repo_url: str | None = None) -> Finding:
    """A sanitized model Finding, INLINE on a commentable line matching the quote, or FILE placed."""
    found = locate(item, diff_file)
    title = " ".join(sanitize_markdown(item.title, repo_url=repo_url, max_chars=MAX_TITLE).split())
    body = sanitize_markdown(item.body, repo_url=repo_url, max_chars=MAX_BODY_CHARS)
    base = Finding(
        path=diff_file.path, line=None, category=item.category, severity=item.severity,
        checklist_item=item.checklist_item, title=title or item.checklist_item, body=body,
        source=SOURCE_MODEL, rule_id="model", confidence=item.confidence, placement=Placement.FILE,
    )
    if found is None:
        note = f"\n\n(The model placed this on line {item.line}; the diff shows no such code there.)"
        # No code: the model's quote is untrusted and unverified, and an empty code keeps the
        # fingerprint of a file-level finding stable across runs.
        return base.replace(body=body + note)
    line, hunk = found
    end_line = None
    if item.end_line is not None and item.end_line > item.line:
        shifted = item.end_line + (line - item.line)
        hunk_lines = {no for no, _ in hunk.new_side()}
        if shifted in hunk_lines and shifted in diff_file.commentable:
            end_line = shifted
    fix = None
    if item.replacement is not None:
        if replaces_added_lines_only(diff_file, line, end_line):
            fix = sanitize_code("\n".join(item.replacement))
        else:
            # Committing it would rewrite lines the PR did not change: the text stays, the button goes.
            base = base.replace(body=body + "\n\n(The model's suggested replacement is not shown: it would "
                                "also replace lines this change does not touch.)")
    code = dict(hunk.new_side())[line]
    return base.replace(line=line, end_line=end_line, suggested_fix=fix, code=code,
                        placement=Placement.INLINE)


def locate(item: ModelItem, diff_file: DiffFile) -> tuple[int, Hunk] | None:
    """(line, hunk) of the commentable line nearest the claimed one whose text matches the quote."""
    quote = _quote(item.quoted_line)
    if not quote:
        return None
    candidates: list[tuple[int, int, int, Hunk]] = []
    containing = diff_file.hunk_for(item.line)
    for hunk in _near_hunks(item.line, diff_file):
        for no, text in hunk.new_side():
            if no not in diff_file.commentable:
                continue
            if hunk is not containing and abs(no - item.line) > WINDOW:
                continue
            quality = _match(quote, normalize_code(text))
            if quality:
                candidates.append((quality, abs(no - item.line), no, hunk))
    if not candidates:
        return None
    _, _, line, hunk = min(candidates, key=lambda c: (c[0], c[1], c[2]))
    return line, hunk


def _quote(quoted_line: str) -> str:
    for line in quoted_line.splitlines():
        text = normalize_code(line)
        if text:
            return text
    return ""


def _match(quote: str, text: str) -> int:
    """1 for an exact match, 2 for a long enough partial one, 0 for none (lower is better)."""
    if not text:
        return 0
    if quote == text:
        return 1
    if len(quote) >= MIN_PARTIAL_QUOTE and quote in text:
        return 2
    if len(text) >= MIN_PARTIAL_QUOTE and text in quote:
        return 2
    return 0


def _near_hunks(line: int, diff_file: DiffFile) -> list[Hunk]:
    containing = diff_file.hunk_for(line)
    if containing is not None:
        return [containing]
    return [
        h for h in diff_file.hunks
        if h.new_start - WINDOW <= line <= h.new_start + max(h.new_length, 1) - 1 + WINDOW
    ]
