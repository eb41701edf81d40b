"""PY-LOOKUP-NOT-CALLER-SCOPED: a FastAPI route that depends on the caller, then loads a record by the id in
its path without using the caller, on routes written for these tests."""

from __future__ import annotations

import pytest

from .helpers import findings_of

RULE = "PY-LOOKUP-NOT-CALLER-SCOPED"

_ROUTES = '''from fastapi import APIRouter, Depends, HTTPException
from sqlalchemy import select

from app.auth import get_current_member
from app.db import get_db
from app.models import Member, Note

router = APIRouter(prefix="/notes")


@router.get("/{{note_id}}")
def read_note(
    note_id: int,
    member: Member = Depends(get_current_member),
    db=Depends(get_db),
):
    {lookup}
    if note is None:
        raise HTTPException(404)
    return note
'''


def _lines(lookup: str) -> list[int]:
    text = _ROUTES.format(lookup=lookup)
    return sorted(line for line, rule in findings_of("app/notes/routes.py", text) if rule == RULE)


@pytest.mark.parametrize("lookup", [
    "note = db.get(Note, note_id)",
    "note = db.query(Note).filter(Note.id == note_id).first()",
    "note = db.execute(select(Note).where(Note.id == note_id)).scalar_one_or_none()",
    "note = db.query(Note).filter_by(id=note_id).one_or_none()",
])
def test_a_lookup_by_the_path_id_that_ignores_the_caller_is_reported(lookup: str) -> None:
    assert _lines(lookup) == [17]


@pytest.mark.parametrize("lookup", [
    "note = db.query(Note).filter_by(id=note_id, owner_id=member.id).one_or_none()",
    "note = db.get(Note, note_id)\n    if note.owner_id != member.id:\n        raise HTTPException(404)",
    "note = notes_for(member).get(note_id)",
])
def test_a_lookup_scoped_by_or_checked_against_the_caller_is_quiet(lookup: str) -> None:
    assert _lines(lookup) == []


def test_a_guard_only_dependency_or_a_route_without_the_caller_is_quiet() -> None:
    guard_only = _ROUTES.format(lookup="note = db.get(Note, note_id)").replace(
        '@router.get("/{note_id}")', '@router.get("/{note_id}", dependencies=[Depends(get_current_member)])'
    ).replace("    member: Member = Depends(get_current_member),\n", "")
    assert [r for _l, r in findings_of("app/notes/routes.py", guard_only) if r == RULE] == []
    public = _ROUTES.format(lookup="note = db.get(Note, note_id)").replace(
        "    member: Member = Depends(get_current_member),\n", "")
    assert [r for _l, r in findings_of("app/notes/routes.py", public) if r == RULE] == []
