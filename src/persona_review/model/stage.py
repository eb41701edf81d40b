"""The model stage's entry point: plan the requests, send them concurrently, validate and anchor.

`run_model_review` never raises for a model or network failure: what could not be reviewed is listed in
`ModelOutcome.unreviewed`, the reason is in `notices`, and the status is `partial`; the pipeline goes on
with the deterministic findings.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

from persona_review.checklists import Checklist, load_checklists
from persona_review.checks.base import FileContext
from persona_review.config import Config
from persona_review.diff import DiffFile, DiffLine, FileStatus, Hunk
from persona_review.errors import ModelError
from persona_review.findings import Finding
from persona_review.model import verify
from persona_review.model.anchoring import anchor
from persona_review.model.budget import Plan, make_plan
from persona_review.model.chunking import Chunk, Renderer, make_renderer, split_chunk
from persona_review.model.client import CallFailed, Endpoint, MessageRequest, MessagesAPI, Reply, connect
from persona_review.model.client import default_model as _sdk_default_model
from persona_review.model.manifest import manifest
from persona_review.model.pricing import FALLBACK, Price, price_for
from persona_review.model.prompt import DEFAULT_CONTEXT_LINES, diff_message, pr_context, system_blocks
from persona_review.model.repo_instructions import RepoInstruction, for_paths
from persona_review.model.retry import RetryPolicy, call_with_retries
from persona_review.model.schema import tool_choice, tool_definition, validate
from persona_review.model.tokens import estimate_json_tokens, estimate_tokens
from persona_review.persona import Persona
from persona_review.result import ModelOutcome, ModelStatus, Usage

log = logging.getLogger("persona_review.model")

MAX_OUTPUT_TOKENS = 4096
EXPECTED_VERIFY_OUTPUT = 400
WARM_ATTEMPTS = 3
WARM_POLL_SECONDS = 0.05


@dataclass(frozen=True)
class ModelReviewRequest:
    files: Sequence[DiffFile]
    contexts: Mapping[str, FileContext]
    persona: Persona
    checklists: Sequence[Checklist]
    config: Config
    evidence: Sequence[Finding]
    api_key: str | None
    pr_text: str | None = None
    """PR title and body: untrusted, shown to the model fenced as data."""
    repo_url: str | None = None
    """https://github.com/owner/repo: links into it survive sanitizing."""
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    max_output_tokens: int = MAX_OUTPUT_TOKENS
    context_lines: int = DEFAULT_CONTEXT_LINES
    repo_instructions: Sequence[RepoInstruction] = ()
    """Repository instructions from the base branch (`repo_instructions`), shown for the files they match."""
    trust_environment: bool = True
    """Whether the SDK client may take its endpoint or proxy from environment variables (not in the
    Action: see `client.Endpoint`)."""


def endpoint(config: Config, api_key: str | None, trust_environment: bool) -> Endpoint:
    return Endpoint(provider=config.provider, api_key=api_key, timeout=config.timeout_seconds,
                    base_url=config.base_url, region=config.region, project_id=config.project_id,
                    proxy=config.proxy, trust_environment=trust_environment)


def default_model() -> str:
    return _sdk_default_model()


def run_model_review(request: ModelReviewRequest) -> ModelOutcome:
    model = request.config.model or default_model()
    outcome = ModelOutcome(model=model)
    files = [f for f in request.files if f.hunks and not f.is_binary]
    if not files or not request.checklists:
        outcome.notices.append("model review skipped: no changed text files or no enabled category")
        return outcome
    try:
        api = connect(endpoint(request.config, request.api_key, request.trust_environment))
    except CallFailed as exc:
        outcome.notices.append(f"model review skipped: {exc}")
        log.warning("model review skipped: %s", exc)
        return outcome
    return _Run(request, api, model, files).execute(outcome)


class EvalReviewer:
    """The model as a reviewer for `persona-review eval`: every line of each given file is treated as
    added. `outcome` keeps the last run's coverage, usage, cost and rejections for the eval report."""

    def __init__(self, config: Config, persona: Persona, api_key: str | None,
                 retry: RetryPolicy | None = None) -> None:
        if config.provider == "anthropic" and not api_key:
            raise ModelError("the model review needs an API key: set ANTHROPIC_API_KEY")
        self.config = config
        self.persona = persona
        self.api_key = api_key
        self.retry = retry or RetryPolicy()
        self.checklists = load_checklists(config.categories)
        self.outcome: ModelOutcome | None = None

    def __call__(self, contexts: Sequence[FileContext]) -> list[Finding]:
        outcome = run_model_review(ModelReviewRequest(
            files=[file_from_context(c) for c in contexts], contexts={c.path: c for c in contexts},
            persona=self.persona, checklists=self.checklists, config=self.config, evidence=(),
            api_key=self.api_key, retry=self.retry,
        ))
        self.outcome = outcome
        if outcome.status is ModelStatus.SKIPPED:
            raise ModelError("; ".join(outcome.notices) or "the model review was skipped")
        return outcome.findings


def make_eval_reviewer(config: Config, persona: Persona, api_key: str | None,
                       retry: RetryPolicy | None = None) -> EvalReviewer:
    """A reviewer for `persona-review eval` (see `EvalReviewer`)."""
    return EvalReviewer(config, persona, api_key, retry)


def file_from_context(context: FileContext) -> DiffFile:
    """A DiffFile showing a FileContext's known lines, its added lines marked as added."""
    hunks = []
    for first, texts in context.segments():
        lines = tuple(
            DiffLine("+" if no in context.added else " ", None if no in context.added else no, no, text)
            for no, text in enumerate(texts, start=first)
        )
        hunks.append(Hunk(first, len(texts), first, len(texts), "", lines))
    return DiffFile(
        path=context.path, old_path=None,
        status=FileStatus.ADDED if context.is_new_file else FileStatus.MODIFIED, hunks=hunks,
        added={no: context.lines[no] for no in context.added if no in context.lines},
        commentable=frozenset(context.lines),
    )


@dataclass
class _ChunkResult:
    findings: list[Finding] = field(default_factory=list)
    usage: Usage = field(default_factory=Usage)
    rejections: list[str] = field(default_factory=list)
    unreviewed: list[str] = field(default_factory=list)
    reviewed: list[str] = field(default_factory=list)
    """Labels of the pieces a valid reply covered."""
    notices: list[str] = field(default_factory=list)
    verified: int = 0
    dropped: list[str] = field(default_factory=list)

    def merge(self, other: _ChunkResult) -> None:
        self.findings.extend(other.findings)
        self.verified += other.verified
        self.dropped.extend(other.dropped)
        self.reviewed.extend(other.reviewed)
        self.usage.add(other.usage)
        self.rejections.extend(other.rejections)
        self.unreviewed.extend(other.unreviewed)
        self.notices.extend(other.notices)


class _Run:
    """One model review: the plan, the shared state of its worker threads, and the merge."""

    def __init__(self, request: ModelReviewRequest, api: MessagesAPI, model: str,
                 files: list[DiffFile]) -> None:
        self.request = request
        self.api = api
        self.model = model
        self.files = {f.path: f for f in files}
        self.system = system_blocks(request.persona, request.checklists)
        # Both tools in every request, in the same order: they are part of the cached prefix.
        self.tools = [tool_definition(request.checklists), verify.tool_definition()]
        self.prefix_tokens = estimate_json_tokens(self.system) + estimate_json_tokens(self.tools)
        self.manifest = manifest(files)
        self.shared = pr_context(request.pr_text, self.manifest,
                                 for_paths(request.repo_instructions, self.files))
        self.price: Price
        self.price, self.price_known = price_for(model)
        self.render: Renderer = make_renderer(request.contexts, request.evidence, request.context_lines)
        self.verify_render: Renderer = make_renderer(request.contexts, request.evidence,
                                                     min(request.context_lines, verify.CONTEXT_LINES))
        self.abort = threading.Event()
        self.temperature = request.config.temperature
        self._lock = threading.Lock()
        self._spent = 0.0
        self._input_used = 0

    def execute(self, outcome: ModelOutcome) -> ModelOutcome:
        config = self.request.config
        plan: Plan = make_plan(list(self.files.values()), self.render, system=self.system, tools=self.tools,
                               pr_text=self.request.pr_text, config=config, price=self.price,
                               shared_text=self.shared)
        if not self.price_known:
            text = (f"no price on record for model {self.model}; cost estimated at "
                    f"${self.price.input_per_mtok}/${self.price.output_per_mtok} per MTok")
            outcome.notices.append(text + (" (the highest known price)" if self.price == FALLBACK
                                           else " (its family's price)"))
        total = _ChunkResult()
        workers = max(1, min(config.concurrency, len(plan.chunks) or 1))
        chunks = list(plan.chunks)
        pending: list[tuple[Chunk, Future[_ChunkResult]]] = []
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="model-review") as pool:
            if warm_first(len(chunks), workers):
                pending.extend(self._warm_up(pool, chunks))
            pending.extend((chunk, pool.submit(self._review, chunk, True)) for chunk in chunks)
            results = [(chunk, future.result()) for chunk, future in pending]
            if config.verify:
                checks = [(chunk, pool.submit(self._verify, chunk, result)) for chunk, result in results
                          if result.findings]
                for _, future in checks:
                    future.result()
        for _, result in results:
            total.merge(result)
        outcome.findings = total.findings
        outcome.verified = total.verified
        outcome.reviewed_parts = len(set(total.reviewed))
        outcome.dropped = total.dropped
        outcome.usage = total.usage
        outcome.rejected_items = len(total.rejections)
        outcome.rejections = total.rejections
        outcome.notices.extend(dict.fromkeys(total.notices))
        if plan.left_over:
            outcome.notices.append(plan.reason)
        if plan.request_overhead >= config.max_request_tokens:
            outcome.notices.append(
                f"max-request-tokens ({config.max_request_tokens}) is below the ~{plan.request_overhead} "
                "tokens of the system prompt every request carries; requests were made larger than it")
        unreviewed = total.unreviewed + [label for chunk in plan.left_over for label in chunk.labels]
        outcome.unreviewed = _summarize(unreviewed, self.files, total.reviewed)
        if total.rejections:
            outcome.notices.append(f"{len(total.rejections)} item(s) the model reported failed validation "
                                   "and were dropped (listed under rejections)")
        if total.usage.estimated_requests:
            outcome.notices.append(
                f"{total.usage.estimated_requests} request(s) timed out after reaching the API; they may "
                "have been billed, and their cost is included as an upper-bound estimate")
        outcome.status = ModelStatus.PARTIAL if outcome.unreviewed else ModelStatus.OK
        if outcome.status is ModelStatus.PARTIAL:
            log.warning("model review partial: %d part(s) not reviewed", len(outcome.unreviewed))
        return outcome

    def _warm_up(self, pool: ThreadPoolExecutor,
                 chunks: list[Chunk]) -> list[tuple[Chunk, Future[_ChunkResult]]]:
        """Send the first request alone, streamed, and return once its reply starts: the prompt cache it
        writes is readable from then on, so the requests released now all read it. The first request's
        result is collected with the others. When it ends without any reply, the next one is tried alone
        (at most `WARM_ATTEMPTS`). Takes the chunks it sends off the front of `chunks`."""
        warmed: list[tuple[Chunk, Future[_ChunkResult]]] = []
        for _ in range(WARM_ATTEMPTS):
            first = chunks.pop(0)
            started = threading.Event()
            future = pool.submit(self._review, first, True, started.set)
            warmed.append((first, future))
            while not started.wait(WARM_POLL_SECONDS) and not future.done():
                pass
            if started.is_set() or not chunks or self.abort.is_set() or _answered(future.result()):
                break
        return warmed

    def _review(self, chunk: Chunk, may_split: bool,
                on_start: Callable[[], None] | None = None) -> _ChunkResult:
        where = _where(chunk)
        if self.abort.is_set():
            return _ChunkResult(unreviewed=chunk.labels)
        limit = self.request.config.max_cost_usd
        if limit is not None and self._cost() >= limit:
            return _ChunkResult(unreviewed=chunk.labels,
                                notices=[f"max-cost-usd ({limit}) was reached during the run; the parts not "
                                         "sent yet are listed as unreviewed"])
        message = MessageRequest(
            model=self.model, system=self.system, user_prefix=self.shared,
            user_text=diff_message(chunk.texts),
            tools=self.tools, tool_choice=tool_choice(), max_tokens=self.request.max_output_tokens,
            temperature=self.temperature,
        )
        billed = Usage()
        try:
            reply = call_with_retries(lambda: self._send(message, billed, on_start), self.request.retry,
                                      where)
        except CallFailed as exc:
            if exc.fatal:
                self.abort.set()
            if exc.too_long:
                parts = split_chunk(chunk, self.render)
                log.info("the prompt for %s was too long; %s", where, "splitting" if parts else "giving up")
                if parts:
                    result = _ChunkResult(usage=billed)
                    for part in parts:
                        result.merge(self._review(part, may_split))
                    return result
            log.warning("model request for %s failed: %s", where, exc)
            return _ChunkResult(usage=billed, unreviewed=chunk.labels,
                                notices=[f"model request for {where} failed: {exc}"])
        usage = reply.usage
        usage.cost_usd = self.price.cost(usage)
        self._charge(usage.cost_usd, usage)
        usage.add(billed)
        paths = {p.path: p for p in chunk.pieces}
        validations = [validate(block, self.request.checklists, paths) for block in reply.tool_inputs]
        usable = [v for v in validations if not v.malformed]
        rejections = [f"{where}: {reason}" for v in validations for reason in v.reasons]
        problem = None
        if reply.stop_reason == "max_tokens":
            problem = "the reply was cut off at max_tokens"
        elif not reply.tool_inputs:
            problem = "the reply had no report_findings call"
        elif not usable:
            problem = "the report_findings input was malformed"
        if problem is not None:
            result = _ChunkResult(usage=usage, rejections=rejections)
            parts = split_chunk(chunk, self.render) if may_split else []
            log.info("%s for %s; %s", problem, where, "retrying smaller" if parts else "giving up")
            if not parts:
                # What a cut-off reply did report is kept: the part is still listed as not reviewed.
                result.findings = [anchor(item, self.files[item.path], self.request.repo_url)
                                   for v in usable for item in v.items]
                result.unreviewed.extend(chunk.labels)
                result.notices.append(f"{where}: {problem}; not reviewed"
                                      + (f" beyond the {len(result.findings)} finding(s) it did report"
                                         if result.findings else ""))
                return result
            for part in parts:
                result.merge(self._review(part, False))
            return result
        for reason in rejections:
            log.info("rejected model item: %s", reason)
        findings = [anchor(item, self.files[item.path], self.request.repo_url)
                    for v in usable for item in v.items]
        return _ChunkResult(findings=findings, usage=usage, rejections=rejections, reviewed=chunk.labels)

    def _verify(self, chunk: Chunk, result: _ChunkResult) -> None:
        """The verification pass over one chunk's findings (see `verify`): updates `result` in place.
        Skipped, with a notice, when the budget left cannot cover it; on any failure the findings stay."""
        config = self.request.config
        # Only what would be posted is worth a second look; the rest is kept as it is.
        findings = [f for f in result.findings
                    if f.confidence >= config.min_confidence and f.severity.at_least(config.min_severity)]
        if not findings:
            return
        pieces = verify.pieces_around(chunk.pieces, findings)
        text = verify.user_message([self.verify_render(p) for p in pieces], findings)
        estimate = estimate_tokens(text) + EXPECTED_VERIFY_OUTPUT
        with self._lock:
            over_tokens = self._input_used + estimate > config.max_input_tokens
            cost = self._spent + self.price.cost(Usage(input_tokens=estimate))
            over_cost = config.max_cost_usd is not None and cost > config.max_cost_usd
        if self.abort.is_set() or over_tokens or over_cost:
            result.notices.append("the verification pass was skipped for some findings: the budget left "
                                  "could not cover it (they are reported unverified)")
            return
        message = MessageRequest(
            model=self.model, system=self.system, user_prefix=self.shared, user_text=text, tools=self.tools,
            tool_choice=verify.tool_choice(), max_tokens=self.request.max_output_tokens,
            temperature=self.temperature,
        )
        billed = Usage()
        where = _where(chunk)
        try:
            reply = call_with_retries(lambda: self._send(message, billed), self.request.retry,
                                      f"verification of {where}")
        except CallFailed as exc:
            result.usage.add(billed)
            result.notices.append(f"the verification of {where} failed ({exc}); its findings are reported "
                                  "unverified")
            return
        usage = reply.usage
        usage.cost_usd = self.price.cost(usage)
        self._charge(usage.cost_usd, usage)
        usage.add(billed)
        result.usage.add(usage)
        verdicts = verify.read_verdicts(reply.tool_inputs, len(findings))
        if not verdicts:
            result.notices.append(f"the verification of {where} gave no verdicts; its findings are "
                                  "reported unverified")
            return
        refuted = {id(findings[i]): v for i, v in verdicts.items() if not v.supported}
        for finding in findings:
            verdict = refuted.get(id(finding))
            if verdict is not None:
                line = finding.line if finding.line is not None else "-"
                result.dropped.append(f"{finding.path}:{line} {finding.checklist_item} {finding.title}: "
                                      f"{verdict.reason or 'not supported by the code'}")
        result.verified += len(verdicts)
        result.findings = [f for f in result.findings if id(f) not in refuted]

    def _send(self, message: MessageRequest, billed: Usage,
              on_start: Callable[[], None] | None = None) -> Reply:
        """One attempt, streamed: a long reply keeps the connection busy instead of running into the
        timeout, which then applies between events; `on_start` is called when the reply starts."""
        on_start = on_start or _ignore
        # A timed-out attempt reached the API and may be billed though no usage comes back: it is
        # counted in `billed` at an upper-bound estimate, never as $0.
        try:
            if message.temperature is not None and self.temperature is None:
                message = dataclasses.replace(message, temperature=None)
            try:
                return self.api.create(message, on_start)
            except CallFailed as exc:
                if not exc.temperature_refused or message.temperature is None:
                    raise
                with self._lock:
                    self.temperature = None
                log.info("model %s takes no temperature; sending without one", self.model)
                return self.api.create(dataclasses.replace(message, temperature=None), on_start)
        except CallFailed as exc:
            if exc.maybe_billed:
                # Upper bound: the shared prefix as a cache write (the dearest way to bill it), the rest
                # as input, and a reply as long as max_tokens allows.
                guess = Usage(cache_write_tokens=self.prefix_tokens + estimate_tokens(message.user_prefix),
                              input_tokens=estimate_tokens(message.user_text),
                              output_tokens=message.max_tokens)
                cost = self.price.cost(guess)
                billed.add(Usage(requests=1, estimated_requests=1, cost_usd=cost))
                self._charge(cost)
            raise

    def _charge(self, cost: float, usage: Usage | None = None) -> None:
        with self._lock:
            self._spent += cost
            if usage is not None:
                self._input_used += usage.input_tokens + usage.cache_write_tokens

    def _cost(self) -> float:
        with self._lock:
            return self._spent


def _ignore() -> None:
    return None


def _answered(result: _ChunkResult) -> bool:
    """Whether any request behind `result` got a reply (and so wrote the prompt cache)."""
    return result.usage.requests > result.usage.estimated_requests


def warm_first(requests: int, workers: int) -> bool:
    """Whether to send one request alone before the others: always, when there are two or more.

    A prompt-cache entry can be read only once the response that writes it has started, so requests sent
    together all pay the cache write for the system prompt. Sending one first makes every other request
    a cache read, at the price of one round of latency."""
    return requests >= 2


def _where(chunk: Chunk) -> str:
    labels = chunk.labels
    return labels[0] if len(labels) == 1 else f"{labels[0]} and {len(labels) - 1} more"


def _summarize(labels: list[str], files: Mapping[str, DiffFile], reviewed: Sequence[str]) -> list[str]:
    """Unreviewed pieces, as whole paths when none of a file was reviewed, else as path:start-end."""
    reviewed_paths = {label.rsplit(":", 1)[0] for label in reviewed}
    out: list[str] = []
    for label in labels:
        path = label.rsplit(":", 1)[0]
        entry = label if path in reviewed_paths else path
        if path in files and entry not in out:
            out.append(entry)
    return out
