"""RB-ERROR-ANSWERED-OK on a hunk that starts inside the route block: the lines in view above the `rescue`,
indented under it, are the work it guards. Code written for these tests."""

from __future__ import annotations

from persona_review.checks.runner import run_checks
from persona_review.contexts import build_context
from persona_review.diff import parse_diff

RULE = "RB-ERROR-ANSWERED-OK"

_HUNK = """\
diff --git a/app/ingest_api.rb b/app/ingest_api.rb
--- a/app/ingest_api.rb
+++ b/app/ingest_api.rb
@@ -20,8 +20,12 @@ class IngestAPI < Sinatra::Base
       }
     end
     DB[:readings].multi_insert(rows)
+    DB[:devices].where(id: device[:id]).update(last_seen_at: Sequel::CURRENT_TIMESTAMP)
     status 204
   rescue JSON::ParserError, KeyError
     halt 400, json(error: "malformed readings payload")
+  rescue Sequel::DatabaseError => e
+    logger.error("readings insert failed: #{e.message}")
+    status 202
   end
 end
"""


def _found(text: str) -> list[tuple[int | None, int | None]]:
    ctx = build_context(parse_diff(text).files[0], None)
    return [(f.line, f.end_line) for f in run_checks([ctx]).findings if f.rule_id == RULE]


def test_a_rescue_that_logs_and_answers_202_is_reported_though_the_block_opens_above_the_hunk() -> None:
    assert _found(_HUNK) == [(27, 29)]


def test_an_error_status_in_the_rescue_is_fine() -> None:
    answered = _HUNK.replace("+    status 202\n", '+    halt 503, json(error: "storage unavailable")\n')
    assert _found(answered) == []
