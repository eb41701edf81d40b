"""Fingerprints identify a finding by what it is (code and enclosing scope), not by its rank in the file."""

from __future__ import annotations

from persona_review.config import Config
from persona_review.diff import parse_diff
from persona_review.findings import Finding, rank_fingerprints
from persona_review.persona import Persona
from persona_review.pipeline import ReviewInput, run_review
from persona_review.scopes import enclosing_scope, is_header, scope_name
from pipeline.conftest import file_diff

SHELL = ["import subprocess", "", "def listing(user_input):",
         "    return subprocess.call('ls ' + user_input, shell=True)"]
COPY = ["def other(user_input):", "    return subprocess.call('ls ' + user_input, shell=True)", ""]


def _shell_findings(lines: list[str], persona: Persona) -> list[Finding]:
    result = run_review(ReviewInput(diff=parse_diff(file_diff("api/run.py", lines)), config=Config(),
                                    persona=persona))
    return [f for f in result.findings if "shell=True" in f.code]


def test_scope_names_and_nesting() -> None:
    lines = dict(enumerate(["class Orders(Base):", "    def cancel(self, order_id):", "        try:",
                            "            go()", "        except Exception:", "            pass"], start=1))
    assert enclosing_scope(lines, 5) == "Orders.cancel"
    assert enclosing_scope(lines, 1) == ""
    assert scope_name("func (s *Server) Handle(w http.ResponseWriter) {") == "Handle"
    assert scope_name("public async Task<int> Run(string x)") == "Run"
    assert enclosing_scope({10: "    x = 1"}, 10, "def outer(a):") == "outer", "the hunk heading stands in"
    assert not is_header("public " * 5_000), "only a line's start is matched"


def test_a_copy_above_does_not_take_the_originals_identity(persona: Persona) -> None:
    before = _shell_findings(SHELL, persona)
    after = _shell_findings([*SHELL[:2], *COPY, *SHELL[2:]], persona)
    assert len(before) == 1 and len(after) == 2
    original = next(f for f in after if f.line == before[0].line + len(COPY))
    copy = next(f for f in after if f is not original)
    assert original.fingerprint == before[0].fingerprint
    assert copy.fingerprint != before[0].fingerprint
    # The old rank scheme moved the original's identity to the copy: kept only for recognising old posts.
    assert copy.rank_fingerprint == before[0].rank_fingerprint


def test_code_moved_below_keeps_its_identity(persona: Persona) -> None:
    before = _shell_findings(SHELL, persona)
    after = _shell_findings([*SHELL[:2], "def helper():", "    return 1", "", *SHELL[2:]], persona)
    assert [f.fingerprint for f in after] == [f.fingerprint for f in before]


def test_rank_fingerprints_match_the_earlier_scheme(persona: Persona) -> None:
    (finding,) = _shell_findings(SHELL, persona)
    assert rank_fingerprints(finding, 2)[0] == finding.rank_fingerprint
