"""Go argument injection: request data as an argument of a program that reads options, unless a `--` comes
before it, a literal starts it, or the code rejects a leading dash."""

from __future__ import annotations

from .helpers import findings_of

_GUARD = """\
package repo

import (
	"net/http"
	"os/exec"
	"strings"
)

func Show(w http.ResponseWriter, r *http.Request) {
	ref := r.FormValue("ref")
	if strings.HasPrefix(ref, "-") {
		http.Error(w, "bad ref", http.StatusBadRequest)
		return
	}
	if err := exec.Command("git", "show", ref).Run(); err != nil {
		http.Error(w, "show failed", http.StatusNotFound)
	}
}
"""


def test_a_value_checked_for_a_leading_dash_is_not_reported_but_an_unchecked_one_is() -> None:
    assert {rule for _, rule in findings_of("repo/show.go", _GUARD)} == set()
    unguarded = _GUARD.replace('strings.HasPrefix(ref, "-")', 'ref == ""')
    assert {(line, rule) for line, rule in findings_of("repo/show.go", unguarded)} == {(15, "GO-ARG-INJECTION")}
