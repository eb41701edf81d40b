"""`_caller_use`: which uses of the caller keep a lookup to the caller's records, in any language."""

from __future__ import annotations

import re

import pytest

from persona_review.checks._caller_use import caller_may_scope, derived, names_pattern, scoping_use

_USER = names_pattern(["user"])
_ID = re.compile(r"(?<![\w.])id\b")


def _lines(text: str) -> list[tuple[int, str]]:
    return list(enumerate(text.split("\n"), start=1))


@pytest.mark.parametrize("use", [
    "note.setUpdatedBy(user.getId());",
    "invoice.voided_by = user",
    "audit.record(actor=user.id, action='void')",
    "render(w, user.Locale, payout)",
    "if user == nil { return errUnauthenticated }",
    "p.Update().SetArchivedByID(user.ID).Save(ctx)",
])
def test_stamping_logging_or_nil_testing_the_caller_does_not_scope(use: str) -> None:
    assert scoping_use(_lines(f"doc = repo.get(id)\n{use}"), _USER, (1, 1), ids=_ID, records=["doc"]) is None


@pytest.mark.parametrize("use", [
    "if doc.owner_id != user.id: raise NotFound()",
    "authorize(user, doc)",
    "h.refunds.Issue(ctx, user, doc)",
    "requireMember(ctx, user.OrgID, id)",
])
def test_comparing_checking_or_handing_on_the_caller_may_scope(use: str) -> None:
    assert scoping_use(_lines(f"doc = repo.get(id)\n{use}"), _USER, (1, 1), ids=_ID, records=["doc"]) == 2


def test_a_local_derived_from_the_caller_and_read_by_the_lookup_scopes_it() -> None:
    text = "scope := tenantScope(user)\ndoc, err := repo.Get(ctx, scope, id)"
    assert derived(_lines(text), _USER, 2) == {"scope"}
    assert scoping_use(_lines(text), _USER, (2, 2), ids=_ID) is not None


def test_caller_may_scope_reads_the_whole_handler() -> None:
    assert not caller_may_scope("const doc = await Doc.findById(id);\ndoc.editedBy = user.id;", _USER)
    assert caller_may_scope("const doc = await Doc.findById(id);\nif (doc.ownerId !== user.id) return;", _USER)
