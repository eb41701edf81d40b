"""PY-SQLA-SESSION-UNCLOSED: a SQLAlchemy session opened in a function and never closed."""

from __future__ import annotations

import pytest

from persona_review.checks.base import FileContext
from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text

RULE = "PY-SQLA-SESSION-UNCLOSED"
PATH = "inventory/stock.py"


def _lines(text: str) -> list[int]:
    return [f.line or 0 for f in run_checks([context_for_text(PATH, text)]).findings if f.rule_id == RULE]


def _hunk_lines(text: str, first: int, added: set[int] | None = None) -> list[int]:
    lines = {first + i: line for i, line in enumerate(text.splitlines())}
    ctx = FileContext(PATH, "python", lines, frozenset(lines if added is None else added), whole_file=False)
    return [f.line or 0 for f in run_checks([ctx]).findings if f.rule_id == RULE]


_RESERVE = """from inventory.db import SessionLocal


def reserve(sku: str, qty: int) -> bool:
    session = %s
    level = session.scalars(select(StockLevel).where(StockLevel.sku == sku).with_for_update()).one()
    if level.available < qty:
        return False
    level.available -= qty
    session.commit()
    %s
    return True
"""


@pytest.mark.parametrize("opened", [
    "SessionLocal()",
    "db.SessionLocal()",
    "Session(engine)",
    "Session(bind=self.engine)",
    "session_factory()",
    "self._sessionmaker()",
])
def test_a_session_opened_and_never_closed_is_reported(opened: str) -> None:
    assert _lines(_RESERVE % (opened, "")) == [5]


def test_an_async_session_never_closed_is_reported() -> None:
    text = """async def last_seen(user_id):
    db = AsyncSessionLocal()
    row = await db.get(User, user_id)
    return row.last_seen_at
"""
    assert _lines(text) == [2]


def test_a_hunk_that_ends_the_file_with_the_function_is_reported() -> None:
    hunk = (_RESERVE % ("SessionLocal()", "")).splitlines()
    del hunk[10]
    assert _hunk_lines("\n".join(hunk), 21) == [25]


@pytest.mark.parametrize("after", ["session.close()", "session.close()  # done"])
def test_a_session_closed_is_left_alone(after: str) -> None:
    assert _lines(_RESERVE % ("SessionLocal()", after)) == []


@pytest.mark.parametrize("body", [
    "    session = SessionLocal()\n    try:\n        yield session\n    finally:\n        session.close()\n",
    "    session = SessionLocal()\n    with session.begin():\n        session.add(row)\n",
    "    session = SessionLocal()\n    with session:\n        session.add(row)\n",
    "    session = SessionLocal()\n    return session\n",
    "    session = SessionLocal()\n    self.session = session\n",
    "    session = SessionLocal()\n    stack.enter_context(session)\n",
    "    session = requests.Session()\n    session.get(url)\n",
    "    session = Session()\n    session.get(url)\n",
    "    factory = sessionmaker(bind=engine)\n    factory.configure(info=url)\n",
    "    maker = create_async_sessionmaker(engine)\n    run(maker)\n",
    "    session = Session(bind=op.get_bind())\n    session.add(row)\n",
])
def test_sessions_closed_entered_handed_on_or_not_sqlalchemy_are_left_alone(body: str) -> None:
    assert _lines("def work(row, url):\n" + body) == []


def test_a_function_the_hunk_cuts_off_is_left_alone() -> None:
    text = (_RESERVE % ("SessionLocal()", "")).splitlines()
    context = set(range(21, 21 + len(text))) - {29, 30}  # the hunk's last lines are unchanged context
    assert _hunk_lines("\n".join(text[:10]), 21, context) == []


def test_a_function_the_hunk_shows_up_to_its_last_return_is_reported() -> None:
    # nothing after a `return` at the body's own level runs, so the hunk shows all that can close it
    text = (_RESERVE % ("SessionLocal()", "")).splitlines()
    context = set(range(21, 21 + len(text))) - {31, 32}
    assert _hunk_lines("\n".join(text[:12]), 21, context) == [25]


def test_a_cli_command_is_left_alone() -> None:
    text = "@cli.command()\ndef list_plugins():\n    db_session = SessionLocal()\n    show(db_session)\n"
    assert _lines(text) == []
