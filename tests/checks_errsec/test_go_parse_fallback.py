"""GO-ERR-DISCARDED on `n, _ := strconv.Atoi(...)` of the caller's input: quiet when a later statement of the
block gives the number a default or a bound (`if page < 1 {`, `min(size, 100)`), or passes it to a query
that reads zero as "not given" (`($2 = 0 OR id < $2)`, the first `?` of `(? = 0 OR a = ?)`); reported when
the zero of a failed parse is used as if the caller had sent it."""

from __future__ import annotations

from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text
from persona_review.findings import Category

_CODE = """package listing

func (s *Store) page(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	cursor, _ := strconv.ParseInt(q.Get("cursor"), 10, 64)
	rows, err := s.db.QueryContext(r.Context(),
		`SELECT id FROM items WHERE ($1 = 0 OR id > $1) ORDER BY id LIMIT $2`,
		cursor, 50)
	since, _ := strconv.ParseInt(q.Get("since"), 10, 64)
	err = s.db.Select(&out, `SELECT id FROM items WHERE ($2 = 0 OR ts > $2) AND id > $1`, since, 10)
	page, _ := strconv.Atoi(q.Get("page"))
	per, _ := strconv.Atoi(q.Get("per_page"))
	if page < 1 {
		page = 1
	}
	per = min(per, maxPer)
	qty, _ := strconv.Atoi(r.FormValue("qty"))
	s.cart.Add(r.Context(), qty)
	shelf, _ := strconv.Atoi(r.FormValue("shelf"))
	_, err = s.db.Exec(`UPDATE bins SET n = n + 1 WHERE (? = 0 OR shelf = ?) AND bin = ?`, shelf, shelf, page)
	_ = rows
}
"""


def _lines() -> list[int]:
    outcome = run_checks([context_for_text("listing/page.go", _CODE)], categories=(Category.ERROR_HANDLING,))
    return sorted(f.line for f in outcome.findings if f.rule_id == "GO-ERR-DISCARDED")


def test_defaulted_or_zero_as_absent_numbers_are_quiet_and_used_zeros_fire() -> None:
    # 5: `$1 = 0` reads it as absent; 9: `since` is `$1`, and `$2 = 0` is another argument's test;
    # 11, 12: given a floor and a ceiling later in the block; 17: used as sent; 19: the first `?`.
    assert _lines() == [9, 17]
