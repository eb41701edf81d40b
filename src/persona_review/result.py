"""What a review produces: decisions per file, placed findings, and stats. Every reporter reads this."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from persona_review.findings import Finding


class SkipReason(StrEnum):
    EXCLUDED = "excluded"
    NO_TRIGGER = "no trigger matched"
    BINARY = "binary"
    DELETED = "deleted"
    TOO_LARGE = "too large"
    GENERATED = "generated or vendored"
    LOCK_FILE = "lock file"
    NO_PATCH = "no patch from GitHub (file too large for the API)"
    NO_CHANGES = "no changed lines"


@dataclass(frozen=True, slots=True)
class FileDecision:
    path: str
    reviewed: bool
    reason: str
    """Why it was reviewed (which detector or trigger) or skipped (a SkipReason value or a detector)."""
    by: str = ""
    """The detector or trigger that decided, as a stable name ("migration", "trigger glob", "frontend",
    "test", ...); empty for the skips every persona shares (binary, deleted, lock file, ...)."""

    @property
    def status(self) -> str:
        return "reviewed" if self.reviewed else "skipped"


@dataclass(slots=True)
class Usage:
    """Model token usage and the estimated cost of one run."""

    requests: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    cache_read_tokens: int = 0
    cache_write_tokens: int = 0
    cost_usd: float = 0.0
    estimated_requests: int = 0
    """Requests the API may have billed without reporting usage (timeouts): their tokens are not in the
    counts above, and their cost is in `cost_usd` as an upper-bound estimate, never as $0."""

    def add(self, other: Usage) -> None:
        self.requests += other.requests
        self.estimated_requests += other.estimated_requests
        self.input_tokens += other.input_tokens
        self.output_tokens += other.output_tokens
        self.cache_read_tokens += other.cache_read_tokens
        self.cache_write_tokens += other.cache_write_tokens
        self.cost_usd += other.cost_usd

    def as_dict(self) -> dict[str, float | int]:
        return {
            "requests": self.requests,
            "input_tokens": self.input_tokens,
            "output_tokens": self.output_tokens,
            "cache_read_tokens": self.cache_read_tokens,
            "cache_write_tokens": self.cache_write_tokens,
            "cost_usd": round(self.cost_usd, 6),
            "estimated_requests": self.estimated_requests,
            "cost_is_estimate": self.estimated_requests > 0,
        }


class ModelStatus(StrEnum):
    OK = "ok"
    PARTIAL = "partial"
    SKIPPED = "skipped"


@dataclass(slots=True)
class ModelOutcome:
    """What the model stage returns to the pipeline."""

    findings: list[Finding] = field(default_factory=list)
    status: ModelStatus = ModelStatus.SKIPPED
    usage: Usage = field(default_factory=Usage)
    unreviewed: list[str] = field(default_factory=list)
    """Files (or "path:start-end" hunks) the budget or failures left without a model review."""
    notices: list[str] = field(default_factory=list)
    rejected_items: int = 0
    """Tool-call items that failed validation and were dropped (counted, logged)."""
    rejections: list[str] = field(default_factory=list)
    """One line per rejected item: where it came from and why it was rejected."""
    reviewed_parts: int = 0
    """Hunks (or slices of large hunks) the model reviewed."""
    verified: int = 0
    """Model findings the verification pass checked."""
    dropped: list[str] = field(default_factory=list)
    """One line per finding the verification pass dropped (never posted): where, what, and why."""
    model: str | None = None


@dataclass(slots=True)
class ReviewResult:
    persona: str
    mode: str
    """"checks" or "checks+model"."""
    files: list[FileDecision]
    findings: list[Finding]
    """Reported findings, placed (inline or file-level), most severe first."""
    suppressed: list[Finding] = field(default_factory=list)
    suppression_reasons: dict[str, str] = field(default_factory=dict)
    """Fingerprint of a suppressed finding -> why (an inline ignore, a `nosec`, a config ignore rule)."""
    below_threshold: list[Finding] = field(default_factory=list)
    """Findings under min-severity / min-confidence: not reported, kept for the log and stats."""
    notices: list[str] = field(default_factory=list)
    model: ModelOutcome = field(default_factory=ModelOutcome)
    unused_suppressions: list[str] = field(default_factory=list)
    """Config ignore rules and inline ignore comments that matched no finding (stale suppressions)."""
    nothing_reviewed: str | None = None
    """When no file was reviewed: why, in one sentence (empty diff, only binary or too-large files, ...)."""

    @property
    def reviewed_files(self) -> list[FileDecision]:
        return [f for f in self.files if f.reviewed]

    @property
    def skipped_files(self) -> list[FileDecision]:
        return [f for f in self.files if not f.reviewed]
