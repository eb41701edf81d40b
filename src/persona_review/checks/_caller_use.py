"""Whether a handler's reading of the caller keeps a lookup to the caller's records, in any language.

A handler that knows who is calling often uses the caller for other things than scoping: it stamps the
record (`invoice.voided_by = request.user`, `note.setUpdatedBy(user.getId())`, `SetArchivedByID(member.ID)`),
writes an audit line (`audit.record(actor=user.id)`), renders in the caller's locale (`sess.Locale`) or
checks only that someone is signed in (`if user == nil`). None of these keeps the record to the caller's
tenant. A use that may (the caller in the lookup itself, in a local the lookup reads, in a comparison or
a condition, in a policy call, next to the id in a membership check, handed to any other call) counts as
scoping: the checks that use this stay quiet on it.

Lexical and shared by the lookup checks of Go, Java, JavaScript/TypeScript, Python and Ruby.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from persona_review.lazy_re import lazy_re

_NIL = r"(?:nil|None|null|undefined|NULL)"
_NIL_TEST = (
    r"(?:{m})(?:\s*\.\s*nil\?|\s*(?:[!=]==?|\bis(?:\s+not)?)\s*{nil}\b)|\b{nil}\s*[!=]==?\s*(?:{m})"
    r"|(?:!|\bnot\s+|\bunless\s+|\bif\s+)(?:{m})(?![\w.(\[])|(?:{m})\s*(?:\?\?|\|\|)"
)
"""`user == nil`, `user is None`, `!user`, `unless current_user`, `if not user`, `user.nil?`."""
_CONDITION = lazy_re(
    r"(?:^|[^\w$])(?:if|elif|unless|when|guard|assert)\b|[!=]==?|\bequals\w*\s*\(|\bis\s+not\b|\bis\b|"
    r"\bin\s|\?\s|&&|\|\||\band\b|\bor\b|\bEqual\w*\s*\(|\bcmp\."
)
"""A condition or a comparison on the line: the caller decides something."""
_POLICY = lazy_re(
    r"(?i)authori[sz]|authz|polic|permi[st]|allow|\bcan\w*[?(]|check|assert|verify|ensure|require|guard|"
    r"owns?\b|owner|belong|member|access|visible|scope|role|admin|tenant|\borg\w*\s*\("
)
_NON_IDENTITY = lazy_re(
    r"\s*\.\s*(?:get)?(?i:locale|lang(?:uage)?|time_?zone|tz|e_?mail\w*|display_?name|first_?name|last_?name|"
    r"full_?name|avatar\w*|preferences|prefs|theme|currency|country)\b(?:\s*\(\s*\))?"
)
"""A field of the caller that is not who they are for the records' purposes (`sess.Locale`, `user.email`)."""
_ATTRIBUTION_BEFORE = lazy_re(
    r"(?:[\w$\]\)]\s*\.\s*[A-Za-z_$][\w$]*|\[\s*['\"][\w-]+['\"]\s*\])\s*=\s*$"
    r"|(?:\.|\b)(?:set|Set|with|With)[A-Z]\w*\s*\(\s*$"
    r"|(?i:\b(?:\w*_by(?:_id)?|\w*By(?:Id|ID)?|by|actor\w*|author\w*|creator\w*|performer|initiator|"
    r"requester\w*|editor\w*|reviewer\w*|approver\w*)\s*[:=]\s*$)"
)
"""The caller stored on a record or passed as the actor: `x.voided_by = `, `setUpdatedBy(`, `actor=`."""
_REPORTING_CALL = lazy_re(
    r"(?i)(?:^|[^\w$])(?:log\w*|logger|slog|console|audit\w*|metrics?|track\w*|emit\w*|publish\w*|notify\w*|"
    r"events?|analytics|telemetry|span|trace\w*|render\w*|present|json\w*|respond\w*|send\w*)\b[\w$.]*\s*\("
    r"|(?:View|Dto|DTO|Response|Presenter|Serializer|Resource)\b[\w$.]*\s*\("
)
"""A call that reports or answers, handed the caller for the record (an audit line, a rendered view)."""


def names_pattern(names: Iterable[str], inline: str = "") -> re.Pattern[str] | None:
    """A pattern for a mention of any of the caller's locals (`user`, `claims`), or of `inline` (a caller
    read written in place: `request.user`, `c.GetString("orgID")`)."""
    parts = [rf"(?<![\w$.]){re.escape(n)}(?![\w$])" for n in sorted(set(names)) if n]
    if inline:
        parts.append(f"(?:{inline})")
    return re.compile("|".join(parts)) if parts else None


_ASSIGN = lazy_re(
    r"^\s*(?:(?:const|let|var|final|val)\s+)?(?:[\w$<>\[\],.?]+\s+)?(?P<names>[A-Za-z_$][\w$]*"
    r"(?:\s*,\s*[A-Za-z_$][\w$]*)*)\s*(?::=|=(?![=~>]))(?P<value>.*)$"
)


def derived(lines: Sequence[tuple[int, str]], mention: re.Pattern[str], before: int) -> set[str]:
    """The locals assigned, on a line before `before`, from an expression that mentions the caller or a
    local so derived (`scope := tenantScope(user)`, `q = Note.query.filter_by(owner=current_user)`)."""
    found: set[str] = set()
    pattern = mention
    changed = True
    while changed:
        changed = False
        for no, text in lines:
            if no >= before:
                break
            assigned = _ASSIGN.match(text)
            if assigned is None or not pattern.search(assigned.group("value")):
                continue
            new = {n.strip() for n in assigned.group("names").split(",")} - found - {"_", "err"}
            if new:
                found |= new
                changed = True
        if changed:
            extra = names_pattern(found)
            assert extra is not None
            pattern = re.compile(f"{mention.pattern}|{extra.pattern}")
    return found


def scoping_use(lines: Sequence[tuple[int, str]], mention: re.Pattern[str], lookup: tuple[int, int], *,
                ids: re.Pattern[str] | None, records: Iterable[str] = (),
                skip: Iterable[int] = ()) -> int | None:
    """The first line of the handler's body (`lines`: number, code) where the caller (`mention`) may keep
    the lookup (lines `lookup`: first, last) to the caller's records, or None when every use is one that
    does not (a stamp, an audit line, a nil test, a non-identity field, a method of the loaded record
    `records`). `ids`: the request's id, whose mention beside the caller makes a membership check; `skip`:
    the lines that read the caller."""
    first, last = lookup
    local = derived(lines, mention, first)
    extra = names_pattern(local)
    full = mention if extra is None else re.compile(f"{mention.pattern}|{extra.pattern}")
    skipped = set(skip)
    owned = [re.escape(r) for r in records if r]
    on_record = re.compile(rf"(?<![\w$.])(?:{'|'.join(owned)})\s*\.\s*[\w$]+\s*\(\s*$") if owned else None
    for no, text in lines:
        if first <= no <= last:
            if full.search(text):
                return no
            continue
        if no in skipped or not mention.search(text):
            continue
        if not _harmless(text, mention, ids, on_record):
            return no
    return None


def _harmless(text: str, mention: re.Pattern[str], ids: re.Pattern[str] | None,
              on_record: re.Pattern[str] | None) -> bool:
    nil_test = re.compile(_NIL_TEST.format(m=mention.pattern, nil=_NIL))
    rest = nil_test.sub(" ", text)
    if not mention.search(rest):
        return True
    if ids is not None and ids.search(rest):
        return False
    blanked = mention.sub("_", rest)
    if _CONDITION.search(blanked) or _POLICY.search(blanked):
        return False
    for found in mention.finditer(rest):
        before = rest[: found.start()]
        if _NON_IDENTITY.match(rest, found.end()):
            continue
        if _ATTRIBUTION_BEFORE.search(before) or _REPORTING_CALL.search(before):
            continue
        if on_record is not None and on_record.search(before):
            continue
        return False
    return True


def caller_may_scope(text: str, mention: re.Pattern[str], ids: re.Pattern[str] | None = None) -> bool:
    """Whether a handler's text (a lookup's own line aside) uses the caller in a way that may keep a
    lookup to the caller's records: any use `scoping_use` would not call harmless, a local assigned from
    the caller (it may feed the query) included."""
    for line in text.split("\n"):
        if not mention.search(line):
            continue
        assigned = _ASSIGN.match(line)
        if assigned is not None and mention.search(assigned.group("value")):
            return True
        if not _harmless(line, mention, ids, None):
            return True
    return False
