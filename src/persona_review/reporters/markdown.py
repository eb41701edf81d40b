"""Markdown: one finding as a review comment, the run as a summary, and the whole report."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from persona_review.findings import Finding, Placement, Severity
from persona_review.nothing_reviewed import NO_TRIGGER
from persona_review.reporters.stats import category_counts, mode_label, severity_counts
from persona_review.result import ReviewResult
from persona_review.sanitize import sanitize_markdown


@dataclass(frozen=True, slots=True)
class SourceLinks:
    """Where locations link to: the repository's web address and the head commit."""

    repo_url: str
    """e.g. https://github.com/OWNER/REPO (no trailing slash)."""
    sha: str

    def url(self, finding: Finding) -> str:
        anchor = ""
        if finding.line is not None:
            anchor = f"#L{finding.line}"
            if finding.end_line is not None and finding.end_line != finding.line:
                anchor += f"-L{finding.end_line}"
        return f"{self.repo_url.rstrip('/')}/blob/{quote(self.sha, safe='')}/{quote(finding.path)}{anchor}"

SEVERITY_BADGE = {
    Severity.CRITICAL: "🔴 Critical",
    Severity.HIGH: "🟠 High",
    Severity.MEDIUM: "🟡 Medium",
    Severity.LOW: "🔵 Low",
}


def render_finding(finding: Finding, *, suggestion: bool = True, explain: bool = True) -> str:
    """Markdown body of one finding, as an inline review comment shows it: what is wrong in this code, the
    committable suggestion, then (when `explain`) the general rule collapsed."""
    badge = SEVERITY_BADGE[finding.severity]
    head = f"**{badge} · {finding.category.value} · {finding.checklist_item}** — {finding.title}"
    parts = [head, "", finding.body.strip()]
    if finding.suggested_fix is not None and suggestion and finding.placement is Placement.INLINE:
        fence = _fence_for(finding.suggested_fix)
        # GitHub renders the block under its own "Suggested change" heading: no label of ours above it.
        parts += ["", f"{fence}suggestion", finding.suggested_fix, fence]
    if explain and finding.explanation:
        parts += ["", _rule_details(finding)]
    origin = (
        finding.source
        if not finding.rule_id or finding.rule_id == "model"
        else f"{finding.source}: {finding.rule_id}"
    )
    parts += ["", f"<sub>persona-review · {origin}</sub>"]
    return "\n".join(parts)


def _rule_details(finding: Finding, label: str = "Why it matters") -> str:
    return f"<details><summary>{label}</summary>\n\n{finding.explanation.strip()}\n\n</details>"


def _fence_for(text: str) -> str:
    longest = 2
    run = 0
    for char in text:
        run = run + 1 if char == "`" else 0
        longest = max(longest, run)
    return "`" * (longest + 1)


def code_span(text: str, *, in_table: bool = False) -> str:
    """`text` as an inline code span that no character of it can break out of (paths are untrusted)."""
    flat = " ".join(text.splitlines())
    longest = run = 0
    for char in flat:
        run = run + 1 if char == "`" else 0
        longest = max(longest, run)
    ticks = "`" * (longest + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") else ""
    span = f"{ticks}{pad}{flat}{pad}{ticks}"
    return span.replace("|", "\\|") if in_table else span


def location(finding: Finding) -> str:
    if finding.line is None:
        return finding.path
    if finding.end_line is not None and finding.end_line != finding.line:
        return f"{finding.path}:{finding.line}-{finding.end_line}"
    return f"{finding.path}:{finding.line}"


def linked_location(finding: Finding, links: SourceLinks | None) -> str:
    """The location as code, a link to the file at the head commit when the repository and sha are known."""
    span = code_span(location(finding))
    return f"[{span}]({links.url(finding)})" if links is not None else span


def render_counts_table(result: ReviewResult) -> str:
    by_sev = severity_counts(result)
    lines = ["| severity | count |", "|---|---|"]
    lines += [f"| {SEVERITY_BADGE[Severity(s)]} | {n} |" for s, n in by_sev.items() if n]
    cats = category_counts(result)
    if cats:
        lines += ["", "| category | count |", "|---|---|"]
        lines += [f"| {c} | {n} |" for c, n in cats.items()]
    return "\n".join(lines)


def render_summary(
    result: ReviewResult, *, listed: list[Finding] | None = None, links: SourceLinks | None = None
) -> str:
    """The run at a glance: counts, findings not shown inline, skipped files, model status and usage.

    `listed` are the findings to list in full in the summary (default: every file-level finding).
    """
    reviewed = len(result.reviewed_files)
    title = f"### persona-review · {result.persona} persona"
    n = len(result.findings)
    files = _plural(reviewed, "reviewed file")
    if reviewed == 0:
        headline = result.nothing_reviewed or NO_TRIGGER
    elif n == 0:
        headline = f"No findings in {files}."
    else:
        headline = f"**{_plural(n, 'finding')}** in {files}."
    parts = [title, "", headline, "", f"Mode: `{mode_label(result)}`" + _model_line(result)]
    if result.findings:
        parts += ["", render_counts_table(result)]
    extra = (
        listed if listed is not None else [f for f in result.findings if f.placement is not Placement.INLINE]
    )
    if extra:
        parts += ["", "#### Findings not shown as inline comments", ""]
        for f in extra:
            title = sanitize_markdown(f.title, max_chars=300)
            parts.append(
                f"- **{SEVERITY_BADGE[f.severity]}** {linked_location(f, links)} {f.checklist_item} — {title}"
            )
    if result.suppressed or result.below_threshold:
        held = f"{len(result.suppressed)} suppressed, {len(result.below_threshold)} below the threshold."
        parts += ["", held]
    if result.unused_suppressions:
        parts += ["", f"{_plural(len(result.unused_suppressions), 'suppression')} matched nothing: "
                  + "; ".join(sanitize_markdown(u, max_chars=200) for u in result.unused_suppressions)]
    skipped = result.skipped_files
    if skipped:
        parts += [
            "",
            f"<details><summary>{len(skipped)} file{'s' if len(skipped) != 1 else ''} not reviewed</summary>",
            "",
            "| file | reason |",
            "|---|---|",
        ]
        # Reasons quote parts of untrusted paths (a directory or file name): a code span keeps them inert.
        parts += [
            f"| {code_span(d.path, in_table=True)} | {code_span(d.reason, in_table=True)} |" for d in skipped
        ]
        parts += ["", "</details>"]
    if result.model.unreviewed:
        parts += [
            "",
            "Left without a model review (budget or failures): "
            + ", ".join(code_span(p) for p in result.model.unreviewed),
        ]
    if result.notices:
        parts += ["", *[f"> {sanitize_markdown(n, max_chars=1000)}" for n in result.notices]]
    return "\n".join(parts)


def _table_text(text: str) -> str:
    """Plain text in a table cell: globs like `**/*.md` must not turn into emphasis or split the row."""
    return "".join(f"\\{c}" if c in "|*_`[]<>" else c for c in text)


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _model_line(result: ReviewResult) -> str:
    model = result.model
    if result.mode == "checks":
        return ""
    usage = model.usage
    return (
        f" · model `{model.model or 'unknown'}` {model.status.value}"
        f" · tokens in {usage.input_tokens:,} / out {usage.output_tokens:,}"
        f" / cache read {usage.cache_read_tokens:,} / cache write {usage.cache_write_tokens:,}"
        f" · est. ${usage.cost_usd:.4f}"
    )


def render_markdown(result: ReviewResult, *, links: SourceLinks | None = None) -> str:
    """The whole report: the summary, every finding as a card, then each rule's explanation once."""
    parts = [render_summary(result, listed=[], links=links)]
    for finding in result.findings:
        parts += ["", "---", "", linked_location(finding, links), "", render_finding(finding, explain=False)]
    rules: dict[str, Finding] = {}
    for finding in result.findings:
        if finding.explanation:
            rules.setdefault(finding.rule_id or finding.checklist_item, finding)
    if rules:
        parts += ["", "---", "", "#### Why these matter", ""]
        parts += [_rule_details(f, f"{f.checklist_item} · {rule}") for rule, f in rules.items()]
    return "\n".join(parts) + "\n"
