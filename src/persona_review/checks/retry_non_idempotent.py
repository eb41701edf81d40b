"""A retry around a call that is not safe to repeat (a charge, a transfer, a POST) with no idempotency key.

    @Retry(name = "psp")                        // resilience4j runs the method again on failure
    public Receipt charge(Order order) {
        return restClient.post().uri("/v1/charges").body(order).retrieve().body(Receipt.class);
    }

A timeout does not say the call failed: the provider may have charged the card and the answer been lost on
the way back. Running the call again then charges twice (creates two orders, sends two transfers). Retrying
such a call is only safe when the provider can tell the second attempt is the first one again: pass an
idempotency key (Stripe `idempotency_key`, an `Idempotency-Key` header) that stays the same across attempts.

What counts as a retry, read from the lexed lines:
  Python   a Celery task declared `autoretry_for=...` or calling `self.retry(...)`, a function decorated with
           tenacity `@retry`/`@backoff.on_exception`: the function's body; an RQ job given a `Retry`
           (`@job(..., retry=Retry(max=3))`, or `queue.enqueue(func, ..., retry=Retry(max=3))`): the body of
           `func` when this file defines it (a hunk inside it, named by its header, is read from its first
           known line to its last complete statement in view), reported on the unsafe call.
  Java     a method annotated `@Retryable` (Spring Retry) or `@Retry` (Resilience4j, MicroProfile); a
           statement calling `retryTemplate.execute(...)`, `Retry.decorate...(...)`, `.retryWhen(...)`.
  Ruby     a job class with `retry_on`, a Sidekiq job (retried by default unless `retry: false`): the
           whole class;
           a `begin` block whose `rescue` runs `retry`.
  JS/TS    a `for`/`while` loop whose header names attempts or retries; the function given to `pRetry`,
           `retry`, `backOff`; a `retry` option that lists POST among its `methods`.
  Go       a `for` loop whose header names attempts or retries; the function given to `backoff.Retry`,
           `retry.Do`.
What is not safe to repeat: a money-moving call of a payment client (`stripe.PaymentIntent.create`,
`Stripe::Charge.create`, `stripe.charges.create`, `paymentintent.New`, a `createCharge`/`create_payment`/
`submitTransfer`-like method), or an HTTP POST/PATCH (`requests.post`, `restClient.post()`,
`method: "POST"`, `http.MethodPost`) when the retried code is about money or orders (a `/charges` path, a
`payment` variable, an `order`): a retried webhook delivery or sync push is at-least-once by design and its
receiver de-duplicates. Quiet when the retried code (or its retry declaration) mentions an
idempotency key anywhere (`idempotency_key`, `Idempotency-Key`, `setIdempotencyKey`, "idempotent"), when
the retry is declared for database contention only around the application's own `createPayment`-like
method (the failed attempt's transaction rolled back), when a hunk leaves part of the retried code out of
view, and in tests. Reported on the retry declaration when the change adds it, else on the unsafe call the
change adds; a finding on a class-wide declaration (a Ruby job class's `retry_on` or Sidekiq options) spans
down to the unsafe call the change adds when that is a few lines below.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from persona_review.checks._blocks import blocks_of
from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._spans import enclosing_headers, indent_of, lines_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_LANGS = frozenset({"python", "javascript", "typescript", "go", "java", "ruby"})
_TEST_PATH = lazy_re(
    r"(?:^|/)(?:tests?|spec|__tests__|testdata|testing)/|(?:_test|_spec|Test|Tests|\.test|\.spec)\.\w+$"
    r"|(?:^|/)test_[^/]*\.py$|(?:^|/)conftest\.py$"
)
_IDEMPOTENT = lazy_re(r"(?i)(?<!non-)(?<!non)(?<!not )(?<!n't )idempot|dedup")
"""An idempotency key or a word that the call is idempotent (not "non-idempotent", "not idempotent")."""

_MONEY_NAME = (
    r"(?:create|make|submit|initiate|execute|place|send|post|perform|issue)_?"
    r"(?:[cC]harge|[pP]ayment|[tT]ransfer|[pP]ayout|[rR]efund|[dD]isbursement|[wW]ithdrawal|[rR]emittance)s?"
)
"""A method named for moving money: `createCharge`, `create_payment`, `submitTransfer`, `issueRefund`."""
_OWN_MONEY_NAME = lazy_re(rf"\b{_MONEY_NAME}\s*\(")
_CLIENT_CALL = lazy_re(r"(?i)\bstripe|braintree|adyen|paypal|\.post\b|\bpost\s*\(|\bhttp")
_DB_CONTENTION = lazy_re(
    r"OptimisticLock|Deadlock|CannotAcquireLock|PessimisticLock|StaleObjectState|ConcurrencyFailure"
    r"|CannotSerializeTransaction|SerializationFailure|LockTimeout|OperationalError|StaleObjectError"
    r"|LockWaitTimeout|TransientDataAccess"
)
_OTHER_FAILURE = lazy_re(
    r"(?i)connect|socket|\bio|http|network|unavailable|(?-i:\bException\b|RuntimeException|StandardError"
    r"|Throwable)"
)
_MONEY_TYPES = r"(?:Charge|PaymentIntent|Transfer|Payout|Refund|Topup|Transaction)"
_MONEY_COLLECTIONS = (
    r"(?:charges|paymentIntents|payment_intents|transfers|payouts|refunds|topups|transactions)"
)
_MONEY_WORDS_FOLDED = ("charge", "payment", "transfer", "payout", "refund", "topup", "disbursement",
                       "withdrawal", "remittance", "stripe", "braintree", "transactions.create")
_POST_WORDS = (".post(", ".patch(", "POST", "PATCH", ".Post(", "HttpPost", "HttpPatch", "postFor")
"""Words every call the check reads holds (its money calls, lower-cased, and its POST/PATCH requests): the
check's pre-filter, so that a review whose files hold none leaves the module unimported."""
_RETRY_WORDS = ("retr", "attempt", "tries", "sidekiq")
"""What every retry the check reads holds (lower case): `retry_on`, `@Retryable`, `max_attempts`, a
Sidekiq job."""
_MONEY: dict[str, re.Pattern[str]] = {
    "python": lazy_re(
        rf"\b(?:stripe|braintree)\.{_MONEY_TYPES}\.(?:create|sale)\s*\(|\.{_MONEY_COLLECTIONS}\.create\s*\("
        rf"|\b{_MONEY_NAME}\s*\(|\.charge(?:_card|_customer)?\s*\("
    ),
    "java": lazy_re(rf"\b{_MONEY_TYPES}\.create\s*\(|\b{_MONEY_NAME}\s*\(|\.charge(?:Card|Customer)?\s*\("),
    "javascript": lazy_re(
        rf"\.{_MONEY_COLLECTIONS}\.create\s*\(|\b{_MONEY_NAME}\s*\(|\.charge(?:Card|Customer)?\s*\("
    ),
    "go": lazy_re(
        r"\b(?:charge|paymentintent|transfer|payout|refund|topup)\.New\s*\("
        rf"|\.V1{_MONEY_TYPES}s\.Create\s*\(|\.V1PaymentIntents\.Create\s*\(|\b{_MONEY_NAME}\s*\("
    ),
    "ruby": lazy_re(
        r"\bStripe::\w+\.create\b|\.(?:charges|payment_intents|transfers|payouts|refunds)\.create\b"
        rf"|\b{_MONEY_NAME}\b|\.charge!?\s*[(\s]"
    ),
}
"""A payment client's call that moves money or creates a payment object."""
_MONEY["typescript"] = _MONEY["javascript"]
_POSTS: dict[str, re.Pattern[str]] = {
    "python": lazy_re(
        r"\b(?:requests|httpx|session|client|http|_?session|self\.session|self\.client|self\._client)"
        r"\.(?:post|patch)\s*\("
        r"|\.request\s*\(\s*(?:method\s*=\s*)?[\"'](?:POST|PATCH)[\"']|\bmethod\s*=\s*[\"'](?:POST|PATCH)[\"']"
    ),
    "java": lazy_re(
        r"\.(?:post|patch)\s*\(\s*\)|\bHttpMethod\.(?:POST|PATCH)\b|\.postFor(?:Object|Entity|Location)\s*\("
        r"|\.POST\s*\(|\bnew\s+Http(?:Post|Patch)\s*\(|\.method\s*\(\s*\"(?:POST|PATCH)\""
    ),
    "javascript": lazy_re(
        r"\bmethod\s*:\s*[\"'`](?:POST|PATCH|post|patch)[\"'`]"
        r"|\b(?:axios|got|ky|http|client|api|request|superagent|this\.http|this\.client)\.(?:post|patch)\s*\("
    ),
    "go": lazy_re(
        r"\bhttp\.Method(?:Post|Patch)\b|\bhttp\.Post(?:Form)?\s*\(|\.Post(?:Form)?\s*\(\s*[\w.\"]"
        r"|\bNewRequest(?:WithContext)?\s*\([^)]*\"(?:POST|PATCH)\""
    ),
    "ruby": lazy_re(
        r"\b(?:HTTParty|RestClient|Faraday|HTTP|Typhoeus|Excon|conn|connection|client|http)\.(?:post|patch)\b"
        r"|\bNet::HTTP::(?:Post|Patch)\.new\b|\bNet::HTTP\.post\b"
        r"|(?:\)|(?i:\w*(?:http|client|conn|session|api)\w*))\.(?:post|patch)\s*\("
    ),
}
"""An HTTP POST or PATCH."""
_POSTS["typescript"] = _POSTS["javascript"]
_MONEY_WORDS = lazy_re(
    r"(?i)charge|payment|payout|refund|invoice|checkout|purchase|billing|ledger|wallet|remittance|withdraw"
    r"|disburse|(?<![a-z])transfers?(?![a-z])|(?<![a-z])orders?(?![a-z])|(?<=[a-z])Orders?(?![a-z])"
)
"""What a POST must be about to count: money or an order (a webhook, a sync push, a batch of metrics is
retried by design and its receiver is expected to de-duplicate)."""

_RETRY_WORD = (
    r"(?:(?<![A-Za-z])(?:[aA]ttempts?|[rR]etr(?:y|ies)|[tT]ries|ATTEMPTS?|RETR(?:Y|IES)|TRIES|MAX_TRIES)"
    r"|(?<=[a-z0-9_])(?:Attempts?|Retr(?:y|ies)|Tries|ATTEMPTS?|RETRIES))"
)
"""A retry word as a whole part of a name (`attempt`, `maxRetries`, `MAX_RETRIES`), not `entries`."""
_LOOP = lazy_re(rf"^\s*(?:\}}\s*)?(?:for|while)\b[^{{]*{_RETRY_WORD}")
_JS_RETRY_CALL = lazy_re(
    r"\b(?:pRetry|asyncRetry|retry|backOff|backoff|withRetry|retryAsync|retryWithBackoff)\s*\(\s*"
    r"(?:async\b|function\b|\(|\w+\s*=>)"
)
_JS_RETRY_METHODS = lazy_re(r"\bmethods\s*:\s*\[[^\]]*[\"'](?:POST|post|PATCH|patch)[\"']")
_GO_RETRY_CALL = lazy_re(r"\b(?:backoff\.Retry\w*|retry\.Do|retry\.Retry\w*|retrier\.Run)\s*\(")
_JAVA_ANNOTATION = lazy_re(r"^\s*@(?:Retryable|Retry)\b")
_JAVA_RETRY_CALL = lazy_re(
    r"\b\w*[rR]etry\w*\.execute\s*\(|\bRetry\.decorate\w+\s*\(|\.retryWhen\s*\(|\.withRetry\s*\("
)
_PY_DECORATOR = lazy_re(
    r"^\s*@(?:[\w.]*\.)?(?:retry|on_exception|retry_on_exception)\b|\bautoretry_for\s*="
)
_PY_TASK = lazy_re(r"^\s*@[\w.]*(?:task|shared_task)\b")
_RQ_RETRY = lazy_re(r"\bretry\s*=\s*(?:rq\.)?Retry\s*\(\s*(?:max\s*=|\d)")
"""RQ's `Retry(max=3, interval=...)` handed to a job (`retry=`): RQ runs the failed job again."""
_RQ_IMPORT = lazy_re(r"^\s*from\s+rq(?:\.\w+)*\s+import\b[^\n]*\bRetry\b", re.MULTILINE)
_RQ_RETRY_LOOSE = lazy_re(r"\bretry\s*=\s*Retry\s*\(")
_RQ_ENQUEUED = lazy_re(
    r"\benqueue(?:_call|_in|_at)?\s*\(\s*(?:func\s*=\s*)?([A-Za-z_]\w*)\s*[,)]|^\s*([A-Za-z_]\w*)\s*,\s*$"
    r"|\bfunc\s*=\s*([A-Za-z_]\w*)\b"
)
"""The function an RQ enqueue runs: its first argument (`enqueue(charge, ...)`, `enqueue_call(func=charge)`),
or a bare name on a line of its own inside the call."""
_PY_DEF_NAME = lazy_re(r"^\s*(?:async\s+)?def\s+([A-Za-z_]\w*)\s*\(")
_PY_SELF_RETRY = lazy_re(r"(?<![\w.])self\.retry\s*\(")
_PY_DEF = lazy_re(r"^\s*(?:async\s+)?def\s")
_RB_JOB_RETRY = lazy_re(
    r"^\s*(?:retry_on\b|sidekiq_options\b.*\bretry:\s*(?:[1-9]|true\b)|include\s+Sidekiq::(?:Job|Worker)\b)"
)
_RB_NO_RETRY = lazy_re(r"^\s*sidekiq_options\b.*\bretry:\s*(?:false|0)\b")
_RB_RETRY = lazy_re(r"^\s*retry\b")
_RB_RESCUE = lazy_re(r"^\s*rescue\b")
_RB_BEGIN = lazy_re(r"(?:^\s*|=\s*)begin\s*$|^\s*def\s")
_RB_CLASS = lazy_re(r"^\s*class\s")
_RB_DEF = lazy_re(r"^\s*def\s")
_RB_RETRY_BLOCK = lazy_re(r"^\s*(?:Retriable\.retriable|with_retries|retry_with_backoff)\b.*\bdo\b")
_PY_LOOP = lazy_re(
    rf"^\s*(?:for\s+\w*{_RETRY_WORD}\w*\s+in\b|for\s+\w+\s+in\s+range\([^)]*{_RETRY_WORD}|while\b[^:]*{_RETRY_WORD})"
)
_GO_DO = lazy_re(r"\.Do\(\s*(\w+)\s*\)")
_STATEMENT_LOOK = 40


_CLASS_WIDE_SPAN = 15
"""How far below a class-wide retry declaration the unsafe call may be for one finding to span both."""


@dataclass(frozen=True, slots=True)
class _Scope:
    declared: int
    """The line that says the code is retried (an annotation, a decorator, a loop header)."""
    first: int
    last: int
    how: str
    """What retries it, for the message."""
    about: int = 0
    """The first line of what the retried code is about, when that starts above it (the `def` of the method
    a Ruby `begin` ... `retry` sits in: `def charge`); 0 for `first`."""
    report_call: bool = False
    """Report on the unsafe call the change adds rather than on the declaration (a retry declared away from
    the function it retries)."""
    class_wide: bool = False
    """Declared for a whole class (a Ruby job's `retry_on`, Sidekiq's options): a finding on the declaration
    spans down to the unsafe call the change adds, a few lines below it."""


@register(
    CheckSpec(
        id="ANY-RETRY-NON-IDEMPOTENT",
        checklist_item="ERR-06",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=_LANGS,
        title="Retry of a call that is not safe to repeat",
        explanation=(
            "A failed attempt may still have happened on the other side (the charge went through, the answer "
            "timed out), so retrying a charge, a transfer or a POST can do it twice. Pass an idempotency key "
            "that stays the same across the attempts (Stripe `idempotency_key`, an `Idempotency-Key` "
            "header), or do not retry the call."
        ),
    ),
    needs=_POST_WORDS,
    folded=_MONEY_WORDS_FOLDED,
)
def retry_non_idempotent(ctx: FileContext) -> list[Hit]:
    """The check's hits, computed once per file: RB-PAYMENT-RETRY-NO-IDEMPOTENCY asks for them too."""
    return ctx.cached("retry_non_idempotent.hits", lambda: list(_hits(ctx)))


def _hits(ctx: FileContext) -> Iterator[Hit]:
    if _TEST_PATH.search(ctx.path):
        return
    money = _MONEY.get(ctx.language)
    posts = _POSTS.get(ctx.language)
    if money is None or posts is None:
        return
    if not ctx.mentions_folded(_RETRY_WORDS):
        return  # no retry at all (the pre-filter asked for money or POST words, the rarer half)
    lexed = lex(ctx)
    if ctx.language == "python":
        yield from _urllib3_unsafe_methods(ctx, lexed)
    reported: set[int] = set()
    reported_calls: set[int] = set()
    for scope in _scopes(ctx, lexed):
        known = [no for no in range(scope.first, scope.last + 1) if no in lexed.code]
        if len(known) != scope.last - scope.first + 1:
            continue  # a gap in the known lines: what is out of view may pass a key
        calls = [no for no in known if money.search(lexed.code[no])]
        about = [no for no in range(scope.about or scope.first, scope.first) if no in lexed.code] + known
        if not calls and any(posts.search(lexed.code[no]) for no in known) and _MONEY_WORDS.search(
            "\n".join(lexed.code[no] for no in about)
        ):
            calls = [no for no in known if posts.search(lexed.code[no])]
        if not calls or _keyed(ctx, scope) or _database_retry(lexed, scope, calls):
            continue
        added_call = next((no for no in calls if no in ctx.added), 0)
        if scope.declared in ctx.added and not (scope.report_call and added_call):
            line = scope.declared
        else:
            line = added_call
        if not line or line in reported or calls[0] in reported_calls:
            continue  # one finding per line and per retried call (`include Sidekiq::Job` and its options)
        reported.add(line)
        reported_calls.add(calls[0])
        end = added_call if scope.class_wide and line == scope.declared \
            and 0 < added_call - line <= _CLASS_WIDE_SPAN else None
        call = lexed.code[calls[0]].strip()
        call = call if len(call) <= 70 else call[:67] + "..."
        yield Hit(line, end, message=(
            f"{scope.how} retries `{call}` (line {calls[0]}), which is not safe to repeat: when an attempt "
            "fails after the other side acted (a timeout after the charge went through), the next attempt "
            "does it again. Pass an idempotency key that stays the same across attempts (Stripe "
            "`idempotency_key`, an `Idempotency-Key` header), or do not retry this call."
        ))


_URLLIB3_METHODS = lazy_re(
    r"\b(?:allowed_methods|method_whitelist)\s*=\s*(?:(?P<any>None|False)\b|[^\n]*[\"'](?:POST|PATCH)[\"'])"
)
_URLLIB3_RETRY = lazy_re(r"(?<![\w.])(?:urllib3\.(?:util\.)?(?:retry\.)?)?Retry\s*\(")
_URLLIB3_MOUNTED = lazy_re(r"\bHTTPAdapter\s*\(|\bmax_retries\s*=|\burllib3\b|\bPoolManager\s*\(")


def _urllib3_unsafe_methods(ctx: FileContext, lexed: Lexed) -> Iterator[Hit]:
    """urllib3's `Retry(...)` told to retry POST or PATCH (`allowed_methods=frozenset({"GET", "POST"})`), or
    every method (`allowed_methods=None`; `method_whitelist` before urllib3 1.26), in a module about money
    (its path or code: a billing client, a payment gateway) that mentions no idempotency key. By default
    urllib3 retries reads only for idempotent methods; listing POST makes a charge whose answer was lost
    (a read timeout, a 502 after the gateway acted) run again."""
    text = ctx.known_text()
    if not _URLLIB3_MOUNTED.search(text) or _IDEMPOTENT.search(text):
        return
    if not (_MONEY_WORDS.search(ctx.path) or _MONEY_WORDS.search(text)):
        return
    for no, code, _bare in lines_of(lexed):
        found = _URLLIB3_METHODS.search(code) if "_" in code else None
        if found is None or no not in ctx.added:
            continue
        made = next((n for n in range(no, no - 9, -1) if _URLLIB3_RETRY.search(lexed.code.get(n, ""))), None)
        if made is None:
            continue
        which = "every method, POST included" if found.group("any") else "POST"
        first = made if made in ctx.added else no
        yield Hit(first, no if no != first else None, message=(
            f"This `Retry` retries {which} on every request of the session: a POST to the payment provider "
            "whose answer is lost (a read timeout, a 502 or 503 after the provider acted) is sent again, and "
            "the charge happens twice. Keep `allowed_methods` to idempotent methods, or send an "
            "idempotency key (an `Idempotency-Key` header) that stays the same across attempts."))


def _database_retry(lexed: Lexed, scope: _Scope, calls: list[int]) -> bool:
    """A retry declared for database contention only (`@Retryable(OptimisticLockingFailureException.class)`,
    `autoretry_for=(OperationalError,)`) around the application's own payment methods (`createPayment(...)`,
    no payment client, no HTTP): the failed attempt's transaction rolled back, so running it again is safe."""
    declaration = " ".join(lexed.code.get(n, "") for n in range(scope.declared, scope.declared + 4))
    if not _DB_CONTENTION.search(declaration) or _OTHER_FAILURE.search(declaration):
        return False
    return all(_OWN_MONEY_NAME.search(lexed.code[no]) and not _CLIENT_CALL.search(lexed.code[no])
               for no in calls)


def _keyed(ctx: FileContext, scope: _Scope) -> bool:
    """Does the retried code or its declaration mention an idempotency key (or say it is idempotent)?"""
    first = min(scope.declared, scope.first, scope.about or scope.first)
    return any(_IDEMPOTENT.search(ctx.lines.get(no, "")) for no in range(first, scope.last + 1))


def _scopes(ctx: FileContext, lexed: Lexed) -> Iterator[_Scope]:
    language = ctx.language
    if language == "python":
        yield from _python_scopes(lexed)
        yield from _rq_scopes(ctx, lexed)
    elif language == "ruby":
        yield from _ruby_scopes(lexed)
    else:
        yield from _brace_scopes(ctx, lexed)


def _python_scopes(lexed: Lexed) -> Iterator[_Scope]:
    for no, _code, bare in lines_of(lexed):
        if _PY_DECORATOR.search(bare):
            declared = _decorator_start(lexed, no)
            define = _def_after(lexed, no)
            if define is not None:
                body = _python_body(lexed, define)
                if body:
                    how = ("The Celery task's `autoretry_for`" if "autoretry_for" in bare
                           else "The retry decorator")
                    yield _Scope(declared, define, body, how)
        elif _PY_LOOP.match(bare):
            body = _python_body(lexed, no)
            if body:
                yield _Scope(no, no, body, "This retry loop")
        elif _PY_SELF_RETRY.search(bare):
            define = _enclosing_def(lexed, no)
            if define is not None and _is_task(lexed, define):
                body = _python_body(lexed, define)
                if body:
                    yield _Scope(no, define, body, "`self.retry(...)` runs the whole task again and")


def _rq_scopes(ctx: FileContext, lexed: Lexed) -> Iterator[_Scope]:
    """Functions RQ retries: a `@job(..., retry=Retry(...))`, or the function an enqueue given
    `retry=Retry(...)` runs, when this file defines it."""
    imported = _RQ_IMPORT.search(ctx.known_text()) is not None
    for no, code, _bare in lines_of(lexed):
        if not (_RQ_RETRY.search(code) or (imported and _RQ_RETRY_LOOSE.search(code))):
            continue
        start = _decorator_start(lexed, no)
        if lexed.bare[start].lstrip().startswith("@"):
            define = _def_after(lexed, no)
            body = _python_body(lexed, define) if define is not None else 0
            if define is not None and body:
                yield _Scope(start, define, body, "RQ's `Retry` on the job", report_call=True)
            continue
        for name in _enqueued(lexed, no):
            scope = _function_lines(ctx, lexed, name)
            if scope is not None:
                yield _Scope(no, scope[0], scope[1], f"RQ's `Retry` on the enqueue (line {no})",
                             report_call=True)
                break


def _enqueued(lexed: Lexed, no: int) -> list[str]:
    """Names the call holding the `retry=` on line `no` may run: its first argument, or bare names on lines
    of their own above it in the call (up to its opening line)."""
    names: list[str] = []
    for line in range(no, max(0, no - 8), -1):
        code = lexed.bare.get(line)
        if code is None:
            break
        for found in _RQ_ENQUEUED.finditer(code):
            names.extend(group for group in found.groups() if group)
        if "enqueue" in code or (line != no and code.rstrip().endswith(("(", ":"))
                                 and not code.strip().startswith(")")):
            break
    return names


def _function_lines(ctx: FileContext, lexed: Lexed, name: str) -> tuple[int, int] | None:
    """(first, last) known lines of the body of `def name` in this file: the whole body when its `def` is in
    view, else the run of known lines of a hunk whose header names it, up to where the function ends or the
    hunk does."""
    for no, _code, bare in lines_of(lexed):
        found = _PY_DEF_NAME.match(bare)
        if found and found.group(1) == name:
            body = _python_body(lexed, no)
            return (no + 1, body) if body else None
    for first, texts in ctx.segments():
        found = _PY_DEF_NAME.match(ctx.sections.get(first, ""))
        if not found or found.group(1) != name:
            continue
        base = indent_of(ctx.sections[first])
        last = first
        depth = 0
        for line in range(first, first + len(texts)):
            text = lexed.bare.get(line, "")
            if text.strip() and indent_of(text) <= base and depth <= 0:
                break
            depth += sum(text.count(c) for c in "([{") - sum(text.count(c) for c in ")]}")
            if text.strip() and depth <= 0:
                last = line  # a complete statement: arguments cut off by the hunk's end are not read
        return first, last
    return None


def _decorator_start(lexed: Lexed, no: int) -> int:
    """The line of the `@` that opens the decorator holding line `no`."""
    for line in range(no, max(0, no - 8), -1):
        text = lexed.bare.get(line)
        if text is None:
            break
        if text.lstrip().startswith("@"):
            return line
    return no


def _def_after(lexed: Lexed, no: int) -> int | None:
    """The `def` line the decorator on line `no` decorates (other decorators may come between)."""
    for line in range(no, no + 12):
        text = lexed.bare.get(line)
        if text is None:
            return None
        if _PY_DEF.match(text):
            return line
        if re.match(r"^\s*class\s", text):
            return None
    return None


def _python_body(lexed: Lexed, define: int) -> int:
    """The last line of the block under line `define` (a `def`, a loop); 0 when the known lines end before
    the block does (an idempotency key may be in what is out of view) or nothing follows."""
    base = indent_of(lexed.bare[define])
    last = 0
    no = define + 1
    while no in lexed.bare:
        text = lexed.bare[no]
        if text.strip():
            if indent_of(text) <= base and not text.lstrip().startswith(")"):
                return last
            last = no
        no += 1
    # the known lines end: the end of the file, or a hunk that ends on a blank line after the block
    return last if lexed.whole_file or no - 1 > last else 0


def _enclosing_def(lexed: Lexed, no: int) -> int | None:
    indent = indent_of(lexed.bare[no])
    for line in range(no - 1, max(0, no - 400), -1):
        text = lexed.bare.get(line)
        if text is None:
            return None
        if text.strip() and indent_of(text) < indent:
            if _PY_DEF.match(text):
                return line
            indent = indent_of(text)
    return None


def _is_task(lexed: Lexed, define: int) -> bool:
    """Is the function on line `define` decorated as a Celery task?"""
    for line in range(define - 1, max(0, define - 10), -1):
        text = lexed.bare.get(line, "")
        if _PY_TASK.match(text):
            return True
        if _PY_DEF.match(text) or (text.strip() and indent_of(text) < indent_of(lexed.bare[define])):
            return False
    return False


def _ruby_scopes(lexed: Lexed) -> Iterator[_Scope]:
    rows = list(lines_of(lexed))
    last_known = rows[-1][0] if rows else 0
    for no, _code, bare in rows:
        if _RB_JOB_RETRY.match(bare):
            if "retry_on" in bare:
                how = "The job's `retry_on`"
            elif "include" in bare:
                if any(_RB_NO_RETRY.match(text) for _n, _c, text in rows):
                    continue
                how = "Sidekiq (which retries a failed job 25 times unless told not to)"
            else:
                how = "Sidekiq's `retry` option"
            yield _Scope(no, _ruby_class_start(lexed, no), last_known, how, class_wide=True)
        elif _RB_RETRY_BLOCK.match(bare):
            end = _ruby_end(lexed, no)
            if end is not None:
                yield _Scope(no, no, end, f"`{bare.strip().split()[0]}`")
        elif _RB_RETRY.match(bare):
            begin = _ruby_begin(lexed, no)
            if begin is not None:
                yield _Scope(no, begin[0], begin[1], "The `retry` in the `rescue` clause",
                             about=_ruby_method_start(lexed, begin[0]))


def _ruby_method_start(lexed: Lexed, begin: int) -> int:
    """The `def` line of the method the `begin` on line `begin` is in, when the known lines show it (the
    method's name and preamble say what the retried request is for: `def charge`); else `begin`."""
    line, text = next(enclosing_headers(lexed, begin, limit=40), (begin, ""))
    return line if _RB_DEF.match(text) else begin


def _ruby_end(lexed: Lexed, no: int) -> int | None:
    """The `end` that closes the block opened on line `no` (the first `end` back at its indentation)."""
    indent = indent_of(lexed.bare[no])
    for line in range(no + 1, no + 80):
        text = lexed.bare.get(line)
        if text is None:
            return None
        if text.strip() and indent_of(text) <= indent:
            return line if text.strip() == "end" else None
    return None


def _ruby_class_start(lexed: Lexed, no: int) -> int:
    """The `class` line above the declaration on line `no`, or the first known line before it."""
    first = no
    for line in range(no - 1, max(0, no - 60), -1):
        text = lexed.bare.get(line)
        if text is None:
            break
        first = line
        if _RB_CLASS.match(text):
            break
    return first


def _ruby_begin(lexed: Lexed, no: int) -> tuple[int, int] | None:
    """(the `begin`/`def` line, the `rescue` line) of the block whose rescue clause holds the `retry` on
    line `no`."""
    indent = indent_of(lexed.bare[no])
    rescue: int | None = None
    for line in range(no - 1, max(0, no - 80), -1):
        text = lexed.bare.get(line)
        if text is None:
            return None
        if not text.strip() or indent_of(text) >= indent:
            continue
        if rescue is None:
            if not _RB_RESCUE.match(text):
                return None
            rescue = line
            indent = indent_of(text) + 1
            continue
        if _RB_BEGIN.search(text):
            return line, rescue
        return None
    return None


def _brace_scopes(ctx: FileContext, lexed: Lexed) -> Iterator[_Scope]:
    language = ctx.language
    blocks = blocks_of(ctx)
    by_first: dict[int, list[int]] = {}
    for block in blocks.all():
        by_first.setdefault(block.first, []).append(block.last)
    for no, _code, bare in lines_of(lexed):
        if _LOOP.match(bare) and (language != "go" or "range" not in bare or "attempt" in bare.lower()):
            last = _block_from(by_first, no)
            if last is not None:
                yield _Scope(no, _request_above(lexed, no, last) if language == "go" else no, last,
                             "This retry loop")
            continue
        if language == "java":
            if _JAVA_ANNOTATION.match(bare):
                method = _method_after(lexed, by_first, no)
                if method is not None:
                    yield _Scope(no, method[0], method[1], f"`{bare.strip().split('(')[0]}`")
                continue
            if _JAVA_RETRY_CALL.search(bare):
                first, last = _statement(lexed, no)
                yield _Scope(no, first, last, "The retry")
        elif language == "go":
            if _GO_RETRY_CALL.search(bare):
                first, last = _statement(lexed, no)
                yield _Scope(no, first, last, "The retry")
        elif _JS_RETRY_CALL.search(bare):
            first, last = _statement(lexed, no)
            yield _Scope(no, first, last, "The retry")
        elif _JS_RETRY_METHODS.search(bare) and any(
            "retry" in lexed.bare.get(line, "").lower() for line in range(no - 4, no + 1)
        ):
            yield _Scope(no, no, no, "The client's `retry` option")


def _request_above(lexed: Lexed, loop: int, last: int) -> int:
    """For a Go retry loop that sends (`client.Do(req)`) a request built above it: the line that builds it
    when that is a POST or PATCH (the retried call starts there), else the loop's own line."""
    body = "\n".join(lexed.bare.get(n, "") for n in range(loop, last + 1))
    sent = _GO_DO.search(body)
    if sent is None:
        return loop
    built = re.compile(rf"\b{re.escape(sent.group(1))}\s*(?:,\s*\w+)?\s*:?=\s*http\.NewRequest\w*\(")
    for line in range(loop - 1, max(0, loop - 20), -1):
        code = lexed.code.get(line)
        if code is None:
            break
        if built.search(code):
            return line if re.search(r"\bMethod(?:Post|Patch)\b|\"(?:POST|PATCH)\"", code) else loop
    return loop


def _block_from(by_first: dict[int, list[int]], no: int) -> int | None:
    """The last line of the first closed block opened on line `no` or the two lines after it."""
    for line in range(no, no + 3):
        lasts = by_first.get(line)
        if lasts:
            return max(lasts)
    return None


def _method_after(lexed: Lexed, by_first: dict[int, list[int]], no: int) -> tuple[int, int] | None:
    """(first, last) line of the method the annotation on line `no` is on; None for a class or a field."""
    for line in range(no + 1, no + 10):
        text = lexed.bare.get(line)
        if text is None:
            return None
        if re.search(r"\b(?:class|interface|record|enum)\s", text):
            return None
        if "{" in text:
            lasts = by_first.get(line)
            return (line, max(lasts)) if lasts else None
        if text.rstrip().endswith(";"):
            return None
    return None


def _statement(lexed: Lexed, no: int) -> tuple[int, int]:
    """The lines of the statement around line `no`: up to the line after the last `;`/`{`/`}` above it
    (a call chain started above), down to where its brackets close."""
    first = no
    for line in range(no - 1, max(0, no - 12), -1):
        text = lexed.bare.get(line)
        if text is None:
            break
        stripped = text.strip()
        if not stripped or stripped.endswith((";", "{", "}")) or stripped.startswith("@"):
            break
        first = line
    depth = 0
    last = no
    for line in range(first, first + _STATEMENT_LOOK):
        text = lexed.bare.get(line)
        if text is None:
            break
        last = line
        depth += sum(text.count(c) for c in "([{") - sum(text.count(c) for c in ")]}")
        if line >= no and depth <= 0:
            break
    return first, last
