"""Fixes found by reading the dev half of the third batch of hand-written pull-request cases
(`eval/pr_cases/`, error handling); each is tested here on code of its own, firing and quiet."""

from __future__ import annotations

from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text


def _lines(path: str, code: str, rule: str) -> set[int]:
    return {f.line for f in run_checks([context_for_text(path, code)]).findings
            if f.rule_id == rule and f.line is not None}


_HTTPARTY_CLASS = """\
class WeatherFeed
  include HTTParty
  base_uri "https://weather.invalid"
  default_timeout 3

  def today(city)
    answer = self.class.get("/v2/today", query: { city: city })
    answer.parsed_response["summary"]
  end

  def tomorrow(city)
    answer = self.class.get("/v2/tomorrow", query: { city: city })
    raise FeedError, "weather feed answered #{answer.code}" unless answer.success?
    answer.parsed_response["summary"]
  end
end
"""


def test_a_class_that_includes_httparty_reads_its_own_get_like_httpartys() -> None:
    assert _lines("lib/weather_feed.rb", _HTTPARTY_CLASS, "RB-HTTP-STATUS-UNCHECKED") == {7}


def test_self_class_get_is_not_httpartys_where_the_file_does_not_include_it() -> None:
    code = _HTTPARTY_CLASS.replace("  include HTTParty\n", "  include Feeds::Client\n")
    assert _lines("lib/weather_feed.rb", code, "RB-HTTP-STATUS-UNCHECKED") == set()


_NON_NULL = """\
import { logger } from './logger';

export function readQuota(raw: string): number {
  let parsed: { quota: number } | undefined;
  try {
    parsed = JSON.parse(raw);
  } catch (err) {
    logger.error('quota config is not JSON', err);
  }
  return parsed!.quota;
}

export function readLimit(raw: string): number {
  let parsed: { limit: number } | undefined;
  try {
    parsed = JSON.parse(raw);
  } catch (err) {
    logger.error('limit config is not JSON', err);
  }
  return parsed?.limit ?? 10;
}
"""


def test_a_non_null_assertion_after_a_catch_that_only_logs_is_a_dereference() -> None:
    assert _lines("server/quota.ts", _NON_NULL, "JS-CATCH-LOGGED-CONTINUES") == {7}


_GO_WRITES = """\
package api

func (h *StatusHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(h.status(r.Context()))
}

func (h *PageHandler) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	io.Copy(rw, h.page())
	h.tmpl.Execute(rw, h.data())
}

func saveSnapshot(f *os.File, s Snapshot) {
	json.NewEncoder(f).Encode(s)
	io.Copy(f, s.Reader())
}
"""


def test_writing_the_answer_into_the_handlers_response_writer_is_not_an_unchecked_error() -> None:
    found = _lines("internal/api/status.go", _GO_WRITES, "GO-ERR-UNCHECKED")
    assert not found & {5, 9, 10}


def test_encoding_into_a_file_still_needs_its_error_checked() -> None:
    assert _lines("internal/api/status.go", _GO_WRITES, "GO-ERR-UNCHECKED") >= {14, 15}


_JAVA_BOUNDARY = """\
package com.example.jobs;

public class Jobs {
    @Scheduled(fixedDelay = 60000)
    public void refresh() {
        try {
            cache.refresh();
        } catch (Exception e) {
            log.error("cache refresh failed", e);
        }
    }

    public void refreshQuietly() {
        try {
            cache.refresh();
        } catch (Exception e) {
            log.warn("cache refresh failed: {}", e.getMessage());
        }
    }

    public void refreshDebug() {
        try {
            cache.refresh();
        } catch (RuntimeException ex) {
            LOG.debug("cache refresh failed", ex);
        }
    }

    public void refreshJul() {
        try {
            cache.refresh();
        } catch (Throwable t) {
            logger.log(Level.SEVERE, "cache refresh failed", t);
        }
    }
}
"""


def test_a_catch_all_that_logs_the_exception_itself_at_warning_or_above_is_quiet() -> None:
    found = _lines("src/main/java/com/example/jobs/Jobs.java", _JAVA_BOUNDARY, "JAVA-BROAD-CATCH")
    assert not found & {8, 32}


def test_a_catch_all_that_logs_only_the_message_or_at_debug_level_is_flagged() -> None:
    found = _lines("src/main/java/com/example/jobs/Jobs.java", _JAVA_BOUNDARY, "JAVA-BROAD-CATCH")
    assert {16, 24} <= found


_GO_FLUSH = """\
package cmd

func printQueue(out io.Writer, rows []Row) {
	w := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	for _, r := range rows {
		fmt.Fprintf(w, "%s\\t%d\\n", r.Name, r.Count)
	}
	w.Flush()
}

func writeExport(f *os.File, rows []Row) {
	w := bufio.NewWriter(f)
	for _, r := range rows {
		fmt.Fprintf(w, "%s,%d\\n", r.Name, r.Count)
	}
	w.Flush()
}
"""


def test_flushing_a_tabwriter_table_is_not_an_unchecked_error() -> None:
    assert 8 not in _lines("cmd/queue.go", _GO_FLUSH, "GO-ERR-UNCHECKED")


def test_flushing_a_buffered_file_writer_still_needs_its_error_checked() -> None:
    assert 16 in _lines("cmd/queue.go", _GO_FLUSH, "GO-ERR-UNCHECKED")


_GO_ENCODERS = """\
package api

func (h *Handler) Get(w http.ResponseWriter, r *http.Request) {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(h.item(r))
}

func respond(w http.ResponseWriter, v any) {
	w.WriteHeader(http.StatusOK)
	_ = json.NewEncoder(w).Encode(v)
}

func save(f *os.File, v any) {
	enc := json.NewEncoder(f)
	enc.Encode(v)
	_ = json.NewEncoder(f).Encode(v)
}
"""


def test_an_encoder_made_on_the_response_writer_and_a_discarded_answer_write_are_quiet() -> None:
    assert 6 not in _lines("internal/api/items.go", _GO_ENCODERS, "GO-ERR-UNCHECKED")
    assert 11 not in _lines("internal/api/items.go", _GO_ENCODERS, "GO-ERR-DISCARDED")


def test_an_encoder_made_on_a_file_is_still_reported_checked_or_discarded() -> None:
    assert 16 in _lines("internal/api/items.go", _GO_ENCODERS, "GO-ERR-UNCHECKED")
    assert 17 in _lines("internal/api/items.go", _GO_ENCODERS, "GO-ERR-DISCARDED")


_JS_ERROR_MIDDLEWARE = """\
app.use((err, req, res, next) => {
  req.log.error(err);
  res.status(err.statusCode || 500).send({ message: err.statusCode ? err.message : 'Internal Server Error' });
});

app.use((error, req, res, next) => {
  res.status(error.status || 500).json({ message: error.message });
});
"""


def test_an_error_message_shown_only_on_a_condition_with_a_literal_otherwise_is_quiet() -> None:
    assert 3 not in _lines("src/app.js", _JS_ERROR_MIDDLEWARE, "JS-STACK-TRACE-LEAK")


def test_an_error_message_always_sent_with_a_5xx_status_is_flagged() -> None:
    assert 7 in _lines("src/app.js", _JS_ERROR_MIDDLEWARE, "JS-STACK-TRACE-LEAK")


_PY_DOMAIN_ERRORS = """\
from django.http import JsonResponse


def reserve(request):
    try:
        booking = bookings.reserve(request.user, request.POST["slot"])
    except SlotTaken as exc:
        return JsonResponse({"error": str(exc)}, status=409)
    except IntegrityError as exc:
        return JsonResponse({"error": str(exc)}, status=409)
    except Exception as exc:
        return JsonResponse({"error": str(exc)}, status=400)
    return JsonResponse({"id": booking.id}, status=201)


def cancel(request):
    try:
        bookings.cancel(request.user, request.POST["id"])
    except NotCancellable as exc:
        return JsonResponse({"error": str(exc)}, status=500)
    return JsonResponse({}, status=204)
"""


def test_a_specific_domain_exceptions_message_in_a_4xx_answer_is_quiet() -> None:
    assert 8 not in _lines("app/views/bookings.py", _PY_DOMAIN_ERRORS, "PY-EXCEPTION-LEAK")


def test_driver_errors_catch_alls_and_5xx_answers_still_leak() -> None:
    assert {10, 12, 20} <= _lines("app/views/bookings.py", _PY_DOMAIN_ERRORS, "PY-EXCEPTION-LEAK")


_GO_FLUSHER = """\
package api

func (h *Events) Stream(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	for ev := range h.events(r.Context()) {
		fmt.Fprintf(w, "data: %s\\n\\n", ev)
		flusher.Flush()
		w.(http.Flusher).Flush()
	}
}
"""


def test_an_http_flusher_flush_returns_nothing_to_check() -> None:
    assert _lines("internal/api/events.go", _GO_FLUSHER, "GO-ERR-UNCHECKED") == set()


_JAVA_CLOSE = """\
package com.example.files;

public class Archiver {
    public void write(Path target, byte[] head, byte[] body) throws IOException {
        OutputStream out = Files.newOutputStream(target);
        out.write(head);
        out.write(body);
        out.close();
    }

    public void writeGuarded(Path target, byte[] body) throws IOException {
        OutputStream out = Files.newOutputStream(target);
        try {
            out.write(body);
        } finally {
            out.close();
        }
    }

    public void touch(Path target) throws IOException {
        OutputStream out = Files.newOutputStream(target);
        out.close();
    }
}
"""


def test_a_close_that_an_exception_in_between_skips_is_a_leak() -> None:
    assert 5 in _lines("src/main/java/com/example/files/Archiver.java", _JAVA_CLOSE, "JAVA-RESOURCE-LEAK")


def test_a_close_in_finally_or_right_after_opening_is_quiet() -> None:
    found = _lines("src/main/java/com/example/files/Archiver.java", _JAVA_CLOSE, "JAVA-RESOURCE-LEAK")
    assert not found & {12, 21}


_GO_ECHO = """\
package server

func errorHandler(err error, c echo.Context) {
	log.Printf("request failed: %v", err)
	_ = c.JSON(http.StatusInternalServerError, map[string]string{"error": "internal error"})
}

func (s *Server) sync() {
	_ = s.client.Publish(payload)
}
"""


def test_an_echo_answer_dropped_on_purpose_in_an_error_handler_is_quiet() -> None:
    assert _lines("internal/server/errors.go", _GO_ECHO, "GO-ERR-DISCARDED") == {9}


_GO_ROWS = """\
package reports

func (q *Queries) Regions(ctx context.Context) ([]string, error) {
	rows, err := q.db.QueryContext(ctx, "SELECT name FROM regions")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, err
		}
		out = append(out, name)
	}
	return out, nil
}
"""


def test_the_rows_err_finding_covers_the_query_and_its_loop() -> None:
    found = [f for f in run_checks([context_for_text("internal/reports/q.go", _GO_ROWS)]).findings
             if f.rule_id == "GO-ROWS-ERR-UNCHECKED"]
    assert [(f.line, f.end_line) for f in found] == [(4, 10)]
