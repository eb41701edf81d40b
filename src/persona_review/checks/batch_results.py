"""Python, JavaScript/TypeScript, Java, Ruby: an AWS batch call whose response is dropped, though the call
succeeds while single items fail (GO-BATCH-FAILURES-IGNORED is the Go side of this).

    sqs.send_message_batch(QueueUrl=url, Entries=entries)            # boto3
    await sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries }))  // AWS SDK for JavaScript v3
    sqs.sendMessageBatch(SendMessageBatchRequest.builder()...build()); // AWS SDK for Java v2
    sqs.send_message_batch(queue_url: url, entries: entries)         # aws-sdk-ruby

S3 `DeleteObjects`, the SQS and SNS batch calls, Kinesis `PutRecords`, Firehose `PutRecordBatch`, DynamoDB
`BatchWriteItem` and EventBridge `PutEvents` answer 200 when some items failed and list those in the
response (`Errors`, `Failed`, `FailedRecordCount`, `FailedPutCount`, `UnprocessedItems`, `FailedEntryCount`).
A call written as a bare statement throws that response away, so the caller carries on as if every item
went through.

The call is recognised as the SDK's, not any method of the same name: boto3 and aws-sdk-ruby calls by the
service's own parameter names in the call (`QueueUrl=`/`queue_url:`, `RequestItems=`, `StreamName=`, ...),
JavaScript v3 by the command class (`new SendMessageBatchCommand(`, also through a variable built above),
v2 by the parameter names or `.promise()`, Java by the request type (`SendMessageBatchRequest`, a
consumer-builder lambda, or a variable of that type). SDK for Java v1's S3 `deleteObjects` throws
`MultiObjectDeleteException` on partial failure, so `new DeleteObjectsRequest(` is left alone. Ruby: a call
that is the last expression of a method or of a `map` block is its value, so it is not dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from persona_review.checks._lexing import Lexed, lex
from persona_review.checks._spans import after_span, bracket_span, indent_of, lines_of
from persona_review.checks.base import CheckSpec, FileContext, Hit
from persona_review.checks.registry import register
from persona_review.findings import Category, Severity
from persona_review.lazy_re import lazy_re

# operation (CamelCase, as in the API reference) -> where its response lists the failed items
_FAILURES = {
    "DeleteObjects": "`Errors`",
    "SendMessageBatch": "`Failed`",
    "DeleteMessageBatch": "`Failed`",
    "ChangeMessageVisibilityBatch": "`Failed`",
    "PublishBatch": "`Failed`",
    "PutRecords": "`FailedRecordCount` (and each record's `ErrorCode`)",
    "PutRecordBatch": "`FailedPutCount` (and each entry's `ErrorCode`)",
    "BatchWriteItem": "`UnprocessedItems`",
    "BatchWrite": "`UnprocessedItems`",
    "PutEvents": "`FailedEntryCount` (and each entry's `ErrorCode`)",
}
_SNAKE = {re.sub(r"(?<!^)(?=[A-Z])", "_", op).lower(): op for op in _FAILURES if op != "BatchWrite"}
_CAMEL = {op[0].lower() + op[1:]: op for op in _FAILURES}

_PY_PARAMS = lazy_re(
    r"\b(?:Bucket|QueueUrl|Entries|TopicArn|PublishBatchRequestEntries|StreamName|StreamARN|Records"
    r"|DeliveryStreamName|RequestItems)\s*="
)
_RB_PARAMS = lazy_re(
    r"\b(?:bucket|queue_url|topic_arn|publish_batch_request_entries|stream_name|stream_arn"
    r"|delivery_stream_name|request_items|entries|records):"
)
_JS_PARAMS = lazy_re(
    r"\b(?:Bucket|QueueUrl|Entries|TopicArn|PublishBatchRequestEntries|StreamName|StreamARN|Records"
    r"|DeliveryStreamName|RequestItems)\b\s*[:,}]"
)
_STATEMENT = {
    "python": lazy_re(r"^\s*(?:await\s+)?(?:_\s*=\s*)?(?:[\w\[\]]+\.)+(?P<method>" + "|".join(_SNAKE)
                      + r")\s*\("),
    "ruby": lazy_re(r"^\s*(?:[@$]?\w+\.)+(?P<method>" + "|".join(_SNAKE) + r")\s*\("),
    "java": lazy_re(r"^\s*(?:[\w()]+\.)+(?P<method>" + "|".join(op for op in _CAMEL if op != "batchWrite")
                    + r")\s*\("),
    "javascript": lazy_re(
        r"^\s*(?:await\s+)?(?:this\.)?[\w$.]+\.(?:send\s*\(\s*new\s+(?P<command>(?:" + "|".join(_FAILURES)
        + r")Command)\s*\(|send\s*\(\s*(?P<var>\w+)\s*\)\s*;?\s*$|(?P<method>" + "|".join(_CAMEL)
        + r")\s*\()"
    ),
}
_STATEMENT["typescript"] = _STATEMENT["javascript"]
_CONTINUES = lazy_re(r"(?:[=(\[,\\+]|\b(?:return|await|and|or|not|yield)|=>)\s*$")
_OPEN_LITERAL = lazy_re(r"[=(\[,:]\s*\{\s*$")
"""A line ending in `{` continues into the next only as a literal (`= {`, `({`), not as a block."""
_BUILT_ABOVE = 30
"""How far above a JavaScript `client.send(cmd)` the command's `new ...Command(` is looked for."""
_VALUE_BLOCK = lazy_re(
    r"\.(?:map|flat_map|collect|collect_concat|sum|select|filter_map|to_h)\s*(?:\(.*\))?\s*"
    r"(?:do|\{)\s*(?:\|[^|]*\|)?\s*$"
)


@register(
    CheckSpec(
        id="ANY-BATCH-FAILURES-IGNORED",
        checklist_item="ERR-01",
        category=Category.ERROR_HANDLING,
        severity=Severity.HIGH,
        languages=frozenset({"python", "javascript", "typescript", "java", "ruby"}),
        title="AWS batch call's response dropped: the items that failed are never read",
        explanation=(
            "The batch call does not fail when some of its items do: they are listed in the response "
            "(`Errors` of DeleteObjects, `Failed` of the SQS/SNS batch calls, `FailedRecordCount` of "
            "PutRecords, `UnprocessedItems` of BatchWriteItem, `FailedEntryCount` of PutEvents). Keep the "
            "response and treat a non-empty list as a failure: retry those items or raise an error naming "
            "them."
        ),
    ),
    needs=(*_SNAKE, *_CAMEL, *_FAILURES),
)
def batch_failures_ignored(ctx: FileContext) -> Iterator[Hit]:
    pattern = _STATEMENT.get(ctx.language)
    if pattern is None or _is_test(ctx.path):
        return
    lexed = lex(ctx)
    for no, _code, bare in lines_of(lexed):
        match = pattern.match(bare)
        if match is None or _continues_above(lexed, no, ctx.language):
            continue
        operation = _operation(ctx.language, lexed, no, match)
        if operation is None:
            continue
        yield Hit(no, None, (
            f"`{operation}` succeeds even when some items fail, and its response, which lists them in "
            f"{_FAILURES[operation]}, is dropped here: those items are silently left undone."))


def _operation(language: str, lexed: Lexed, no: int, match: re.Match[str]) -> str | None:
    """The AWS operation this statement calls, when the call is the SDK's and its response is dropped."""
    bare = lexed.bare[no]
    if language in {"javascript", "typescript"}:
        if match.group("command"):
            return match.group("command").removesuffix("Command")
        if match.group("var"):
            return _command_built_above(lexed, no, match.group("var"))
        args = bracket_span(lexed, no, match.end() - 1)
        rest = after_span(lexed, args, match.end() - 1) if args.closed else ""
        if not (_JS_PARAMS.search(args.bare) or rest.lstrip().startswith(".promise(")):
            return None
        return _CAMEL[match.group("method")]
    method = match.group("method")
    args = bracket_span(lexed, no, match.end() - 1)
    if language == "python":
        return _SNAKE[method] if _PY_PARAMS.search(args.bare) else None
    if language == "ruby":
        if not _RB_PARAMS.search(args.bare) or _is_block_value(lexed, no, args.last):
            return None
        return _SNAKE[method]
    # java
    operation = _CAMEL[method]
    request = f"{operation}Request"
    if f"new {request}" in args.bare and operation == "DeleteObjects":
        return None  # SDK v1: S3 deleteObjects throws MultiObjectDeleteException on partial failure
    if request in args.bare or re.search(r"\(\s*\w+\s*->", bare[match.end() - 1:]):
        return operation
    single = re.fullmatch(r"\(\s*(\w+)\s*\)", args.bare.strip().rstrip(";").strip().removesuffix(".join()"))
    if single and _declared_above(lexed, no, rf"\b{request}\s+{single.group(1)}\s*="):
        return operation
    return None


def _command_built_above(lexed: Lexed, no: int, name: str) -> str | None:
    built = re.compile(rf"\b{re.escape(name)}\s*=\s*new\s+(\w+)Command\s*\(")
    for line in range(no - 1, max(0, no - _BUILT_ABOVE), -1):
        found = built.search(lexed.bare.get(line, ""))
        if found:
            op = found.group(1)
            return op if op in _FAILURES else None
    return None


def _declared_above(lexed: Lexed, no: int, declaration: str) -> bool:
    pattern = re.compile(declaration)
    above = range(no - 1, max(0, no - _BUILT_ABOVE), -1)
    return any(pattern.search(lexed.bare.get(line, "")) for line in above)


def _continues_above(lexed: Lexed, no: int, language: str) -> bool:
    """The line goes on a statement started above (`resp = (`, `return \\`, an argument list)."""
    for line in range(no - 1, max(0, no - 4), -1):
        text = lexed.bare.get(line)
        if text is None:
            return False
        if text.strip():
            return bool(_CONTINUES.search(text.rstrip()) or _OPEN_LITERAL.search(text.rstrip())
                        or (text.rstrip().endswith("{") and language == "python"))
    return False


def _is_block_value(lexed: Lexed, no: int, end_line: int) -> bool:
    """Ruby: the call is the last expression of a method (its return value) or of a `map`-like block."""
    indent = indent_of(lexed.bare[no])
    nxt = next((line for line in range(end_line + 1, end_line + 40)
                if (lexed.bare.get(line) or "").strip()), None)
    if nxt is None:
        return True  # nothing known after it: it may be the method's value
    text = lexed.bare[nxt]
    closes = text.strip() == "end" or text.strip().startswith("end ")
    if not closes or indent_of(text) >= indent:
        return False
    for line in range(no - 1, max(0, no - 200), -1):
        opener = lexed.bare.get(line)
        if opener is None:
            return True
        if opener.strip() and indent_of(opener) == indent_of(text):
            return bool(re.match(r"\s*def\b", opener) or _VALUE_BLOCK.search(opener))
    return True


_TEST = lazy_re(r"(?:^|/)(?:tests?|spec|__tests__|testdata)/|(?:_test|_spec|Test|Tests|\.test|\.spec)\.\w+$"
                r"|(?:^|/)test_[^/]*\.py$")


def _is_test(path: str) -> bool:
    return bool(_TEST.search(path))
