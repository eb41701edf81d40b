"""The check changes made after reading the dev half of `eval/pr_cases_variants/round2-go-java` (Go and
Java problems written the way another team would): each with a case it must report and a look-alike it
must leave alone. The code here is written for these tests."""

from __future__ import annotations

from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text
from persona_review.findings import Category


def _lines(path: str, code: str, rule: str) -> set[int]:
    outcome = run_checks([context_for_text(path, code)],
                         categories=(Category.ERROR_HANDLING, Category.SECURITY))
    return {f.line or 0 for f in outcome.findings if f.rule_id == rule}


_LEAK_NAMES = """\
package web

func (s *Server) create(rw http.ResponseWriter, req *http.Request) {
	out, cerr := s.svc.Create(req.Context())
	if cerr != nil {
		http.Error(rw, "create: "+cerr.Error(), http.StatusInternalServerError)
		return
	}
	render(rw, out)
}

func (s *Server) cancel(c *gin.Context) {
	if err := s.svc.Cancel(c.Request.Context()); err != nil {
		msg := err.Error()
		c.JSON(http.StatusInternalServerError, gin.H{"error": msg})
		return
	}
}

func (s *Server) move(w http.ResponseWriter, r *http.Request) {
	if err := s.svc.Move(r.Context()); err != nil {
		detail := fmt.Sprint(err)
		writeJSON(w, http.StatusInternalServerError, apiError{Detail: detail})
		return
	}
}

func (s *Server) check(c *gin.Context) {
	if verr := s.svc.Validate(c.Request.Context()); verr != nil {
		msg := verr.Error()
		c.JSON(http.StatusBadRequest, gin.H{"error": msg})
		return
	}
	if err := s.svc.Run(c.Request.Context()); err != nil {
		msg := "could not run the check"
		c.JSON(http.StatusInternalServerError, gin.H{"error": msg})
		return
	}
}

func (s *Server) other(c *gin.Context) {
	if err := s.svc.Run(c.Request.Context()); err != nil {
		c.JSON(http.StatusInternalServerError, gin.H{"error": msg})
	}
}
"""


def test_error_text_under_any_error_name_or_kept_in_a_variable_is_reported_in_a_5xx() -> None:
    # `cerr.Error()` (line 6), `msg := err.Error()` answered (line 15), `fmt.Sprint(err)` kept and passed
    # to the file's helper (line 23) are reported; a kept error text in a 400 (line 31), a fixed message
    # put in the same variable name (line 36), and a `msg` of another function (line 44) are not.
    assert _lines("internal/web/handlers.go", _LEAK_NAMES, "GO-ERROR-LEAK") == {6, 15, 23}


_BODIES = """\
package geo

func (c *Client) Country(ip string) (string, error) {
	resp, err := c.hc.Get(c.base + "/country/" + ip)
	if err != nil {
		return "", err
	}
	raw, err := io.ReadAll(resp.Body)
	return string(raw), err
}

func (c *Client) Region(ip string) (string, error) {
	resp, err := c.hc.Get(c.base + "/region/" + ip)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	return string(raw), err
}

func (c *Client) Cached(key string) (string, error) {
	item, err := c.cache.Get(key)
	if err != nil {
		return "", err
	}
	return item.Value, nil
}

func (c *Client) Resty(ip string) (string, error) {
	resp, err := c.rest.R().Get("/country/" + ip)
	if err != nil {
		return "", err
	}
	return string(resp.Body()), nil
}
"""


def test_a_response_from_a_receiver_not_named_client_is_reported_when_read_as_a_response() -> None:
    # `c.hc.Get` whose `resp.Body` is read and never closed (line 4) is reported; the same closed
    # (line 13), a cache's `Get` whose result is no response (line 23) and resty's `Body()` are not.
    assert _lines("internal/geo/lookup.go", _BODIES, "GO-HTTP-BODY-UNCLOSED") == {4}


_LOOPS = """\
package com.acme.billing;

public class Runs {
    public void remind(List<Invoice> overdue) {
        for (Invoice inv : overdue) {
            try {
                letters.send(inv);
            } catch (Exception e) {
                System.out.println("reminder failed: " + e.getMessage());
            }
            inv.setStatus(Status.REMINDED);
            invoices.save(inv);
        }
    }

    public void remindSkipping(List<Invoice> overdue) {
        for (Invoice inv : overdue) {
            try {
                letters.send(inv);
            } catch (Exception e) {
                log.info("reminder failed for {}", inv.getId());
                continue;
            }
            inv.setStatus(Status.REMINDED);
        }
    }

    public void poll(List<Queue> queues) {
        for (Queue q : queues) {
            try {
                q.drain();
            } catch (Exception e) {
                log.info("drain failed");
            }
            Thread.sleep(interval);
        }
    }

    public void sendAll(List<Invoice> all) {
        for (Invoice inv : all) {
            try {
                letters.send(inv);
            } catch (Exception e) {
                log.info("send failed");
            }
        }
    }
}
"""


def test_a_loop_that_marks_the_item_after_a_logged_catch_all_is_reported() -> None:
    # The item marked and saved after its failure was only printed (line 8) is reported; a catch that
    # `continue`s (line 20), a loop that goes on without touching the item (line 32) and a loop whose body
    # ends with the try (line 43) are the loop's boundary and are not.
    assert _lines("src/main/java/com/acme/billing/Runs.java", _LOOPS, "JAVA-BROAD-CATCH") == {8}


_TRY_FLAGS = """\
package com.acme.jobs;

public class Cleanup {
    public void run() {
        boolean acquired = mutex.tryLock();
        if (!acquired) {
            return;
        }
        storage.deleteExpired();
        mutex.unlock();
    }

    public void runSafely() {
        boolean acquired = mutex.tryLock();
        if (!acquired) {
            return;
        }
        try {
            storage.deleteExpired();
        } finally {
            mutex.unlock();
        }
    }

    public void runMaybe() {
        boolean acquired = mutex.tryLock();
        metrics.record(acquired);
    }
}
"""


def test_a_try_lock_kept_in_a_flag_and_left_on_false_is_held_by_an_exception() -> None:
    # The flag tested at once and the unlock outside any `finally` (line 5) is reported; the same with a
    # `try`/`finally` (line 14) and a flag used another way (line 26) are not.
    assert _lines("src/main/java/com/acme/jobs/Cleanup.java", _TRY_FLAGS, "JAVA-LOCK-HELD") == {5}


_STREAMS = """\
package com.acme.feeds;

public class Feeds {
    public byte[] fetch(URL feed) throws IOException {
        InputStream is = feed.openStream();
        byte[] data = is.readAllBytes();
        is.close();
        return data;
    }

    public byte[] fetchSafely(URL feed) throws IOException {
        try (InputStream is = feed.openStream()) {
            return is.readAllBytes();
        }
    }
}
"""


def test_a_url_stream_closed_outside_a_finally_leaks_the_connection() -> None:
    # `URL.openStream()` closed by a plain statement after a read (line 5) is reported; the same in
    # try-with-resources (line 12) is not.
    assert _lines("src/main/java/com/acme/feeds/Feeds.java", _STREAMS, "JAVA-RESOURCE-LEAK") == {5}


_TYPED_LOGGERS = """\
package reports

type OwnerLookup struct {
	teams TeamRepo
	lg    *zap.Logger
}

func (o *OwnerLookup) OwnerEmail(ctx context.Context, teamID string) string {
	team, lookupErr := o.teams.Find(ctx, teamID)
	if lookupErr != nil {
		o.lg.Error("find team", zap.Error(lookupErr))
	}
	return team.Owner.Email
}

func (o *OwnerLookup) OwnerName(ctx context.Context, teamID string) string {
	team, err := o.teams.Find(ctx, teamID)
	if err != nil {
		o.teams.Forget(teamID)
	}
	return team.Owner.Name
}
"""


def test_an_error_logged_through_a_field_typed_as_a_logger_and_then_used_is_reported() -> None:
    # `o.lg` is declared `*zap.Logger`: its `Error` call only logs, and `team` is then read (line 9). A
    # call on a receiver that is not a logger (line 17) is the code's own handling and is left alone.
    assert _lines("internal/reports/owner.go", _TYPED_LOGGERS, "GO-ERR-LOGGED-CONTINUES") == {9}


_TRY_IFS = """\
package com.acme.cache;

public class Refresher {
    public void refresh() {
        if (refreshing.tryLock()) {
            cache.reload();
            refreshing.unlock();
        }
    }

    public void refreshSafely() {
        if (refreshing.tryLock()) {
            try {
                cache.reload();
            } finally {
                refreshing.unlock();
            }
        }
    }

    public void bump() {
        if (refreshing.tryLock()) {
            counter++;
            refreshing.unlock();
        }
    }
}
"""


def test_a_try_lock_tested_in_an_if_and_released_by_a_plain_statement_is_held_by_an_exception() -> None:
    # A call between the `if (tryLock())` and the plain `unlock()` (line 5) is reported; the same with a
    # `try`/`finally` (line 12) and a body with nothing that can throw (line 22) are not.
    assert _lines("src/main/java/com/acme/cache/Refresher.java", _TRY_IFS, "JAVA-LOCK-HELD") == {5}
