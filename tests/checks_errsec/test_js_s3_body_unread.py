"""JS-S3-BODY-UNREAD: a GetObject response read only for its metadata is reported on its `send`, in whole
files and in a hunk that shows the whole function; a response whose Body is read, destroyed, or that is
handed on, and a function cut off by the hunk, are not."""

from __future__ import annotations

import pytest

from persona_review.checks.runner import run_checks
from persona_review.contexts import build_context
from persona_review.diff import parse_diff

from .helpers import findings_of

RULE = "JS-S3-BODY-UNREAD"


def _lines(body: str) -> list[int]:
    text = (
        'import { GetObjectCommand } from "@aws-sdk/client-s3";\n'
        "export async function probe(client: S3Client, key: string) {\n"
        f"  {body}\n"
        "}\n"
    )
    return sorted(line for line, rule in findings_of("src/storage/probe.ts", text) if rule == RULE)


@pytest.mark.parametrize(
    "body",
    [
        "const obj = await client.send(new GetObjectCommand({ Bucket: B, Key: key }));\n"
        "  return obj.ContentLength ?? 0;",
        "const obj = await client.send(new GetObjectCommand({ Bucket: B, Key: key }));\n"
        "  if (obj?.Metadata?.owner !== 'me') return null;\n  return obj['ETag'];",
        "const { ContentType: type, Metadata } = await client.send(new GetObjectCommand({ Bucket: B, Key: key }));\n"
        "  return { type, Metadata };",
    ],
)
def test_metadata_only_is_reported(body: str) -> None:
    assert _lines(body) == [3]


@pytest.mark.parametrize(
    "body",
    [
        "const obj = await client.send(new GetObjectCommand({ Bucket: B, Key: key }));\n"
        "  return obj.Body?.transformToByteArray();",
        "const obj = await client.send(new GetObjectCommand({ Bucket: B, Key: key }));\n"
        "  const size = obj.ContentLength;\n  await pipeline(obj.Body as Readable, sink);\n  return size;",
        "const obj = await client.send(new GetObjectCommand({ Bucket: B, Key: key }));\n  return toResponse(obj);",
        "const obj = await client.send(new GetObjectCommand({ Bucket: B, Key: key }));\n  return { ...obj };",
        "const { Body, ContentType } = await client.send(new GetObjectCommand({ Bucket: B, Key: key }));\n"
        "  return { Body, ContentType };",
        "const { ContentType, ...rest } = await client.send(new GetObjectCommand({ Bucket: B, Key: key }));\n"
        "  return { ContentType, rest };",
        "const cmd = new PutObjectCommand({ Bucket: B, Key: key });\n"
        "  const out = await client.send(cmd);\n  return out.ETag;",
    ],
)
def test_body_read_handed_on_or_another_command_is_quiet(body: str) -> None:
    assert _lines(body) == []


def _hunk(diff: str) -> list[int]:
    outcome = run_checks([build_context(f) for f in parse_diff(diff.encode())])
    return sorted(f.line for f in outcome.findings if f.rule_id == RULE and f.line is not None)


def test_a_hunk_that_cuts_the_function_off_is_quiet() -> None:
    diff = '''diff --git a/src/storage/probe.ts b/src/storage/probe.ts
--- a/src/storage/probe.ts
+++ b/src/storage/probe.ts
@@ -10,3 +10,4 @@ export class Probe {
   async probe(key: string) {
+    const obj = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
     const size = obj.ContentLength;
     const etag = obj.ETag;
'''
    assert _hunk(diff) == []
