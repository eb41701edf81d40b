"""Go: an AWS batch call whose result is thrown away, though the call succeeds while single items fail.

    _, err := client.DeleteObjects(ctx, &s3.DeleteObjectsInput{Bucket: b, Delete: &types.Delete{...}})

S3's `DeleteObjects`, SQS's and SNS's `…Batch` calls, Kinesis `PutRecords`, Firehose `PutRecordBatch`,
DynamoDB `BatchWriteItem`/`BatchGetItem` and EventBridge `PutEvents` return no error when some of the items
failed: the failures are listed in the output (`Errors`, `Failed`, `FailedRecordCount`, `UnprocessedItems`,
...). Dropping the output with `_` leaves them unread, so the caller reports the whole batch done. The call
is recognised by its SDK input type (`&s3.DeleteObjectsInput{`), in AWS SDK for Go v1 and v2 alike.
"""

from __future__ import annotations

from collections.abc import Iterator

from persona_review.checks._lexing import lex
from persona_review.checks._spans import bracket_span, lines_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

_FAILURES = {
    "DeleteObjects": "`Errors`",
    "SendMessageBatch": "`Failed`",
    "DeleteMessageBatch": "`Failed`",
    "ChangeMessageVisibilityBatch": "`Failed`",
    "PublishBatch": "`Failed`",
    "PutRecords": "`FailedRecordCount` (and each record's `ErrorCode`)",
    "PutRecordBatch": "`FailedPutCount` (and each entry's `ErrorCode`)",
    "BatchWriteItem": "`UnprocessedItems`",
    "BatchGetItem": "`UnprocessedKeys`",
    "PutEvents": "`FailedEntryCount` (and each entry's `ErrorCode`)",
}
_DROPPED = lazy_re(
    r"^\s*(?:if\s+)?_\s*,\s*(?:\w+|_)\s*:?=\s*(?:[\w.]+\.)?(?P<method>" + "|".join(_FAILURES)
    + r")(?:WithContext)?\s*\("
)
_INPUT_ABOVE = 30
"""How far above the call its input (`input := &s3.DeleteObjectsInput{...}`) is looked for."""


@register(
    CheckSpec(
        id="GO-BATCH-FAILURES-IGNORED",
        checklist_item="ERR-01",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=frozenset({"go"}),
        title="AWS batch call's output dropped: the items that failed are never read",
        explanation=(
            "The batch call returns no error when some of its items fail: they are listed in the output "
            "(`Errors` of DeleteObjects, `Failed` of the SQS/SNS batch calls, `FailedRecordCount` of "
            "PutRecords, `UnprocessedItems` of BatchWriteItem). Keep the output and treat a non-empty list "
            "as a failure (retry those items or return an error naming them)."
        ),
    ),
    needs=tuple(_FAILURES),
)
def batch_failures_ignored(ctx: FileContext) -> Iterator[Hit]:
    if ctx.path.endswith("_test.go"):
        return
    lexed = lex(ctx)
    for no, _code, bare in lines_of(lexed):
        match = _DROPPED.match(bare)
        if match is None:
            continue
        method = match.group("method")
        args = bracket_span(lexed, no, match.end() - 1)
        typed = f"{method}Input"
        if typed not in args.bare and not any(typed in line for line in _function_above(lexed.bare, no)):
            continue  # not an AWS SDK call (its input type, here or built just above, names the operation)
        yield Hit(no, None, (
            f"`{method}` succeeds even when some items fail, and its output, which lists them in "
            f"{_FAILURES[method]}, is assigned to `_`: those items are silently left undone."))


def _function_above(bare: dict[int, str], no: int) -> Iterator[str]:
    """The known lines above `no`, nearest first, up to `_INPUT_ABOVE` of them and not past the signature of
    the function `no` is in."""
    for line in range(no - 1, no - 1 - _INPUT_ABOVE, -1):
        text = bare.get(line)
        if text is None:
            return
        yield text
        if text.startswith("func "):
            return
