# Fixture for SQLAlchemy sessions never closed. `# expect: ID` marks the line a finding must land on; the
# functions without a marker are near misses that must stay clean. The check reads whole functions, so a hunk
# that cuts a function off says nothing (see test_py_sqla_session_unclosed.py for hunks).
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import SessionLocal, engine
from app.models import StockLevel


def reserve(sku: str, qty: int) -> bool:
    session = SessionLocal()  # expect: PY-SQLA-SESSION-UNCLOSED
    level = session.scalars(select(StockLevel).where(StockLevel.sku == sku).with_for_update()).one()
    if level.available < qty:
        return False
    level.available -= qty
    session.commit()
    return True


def release(sku: str, qty: int) -> None:
    session = Session(engine)
    try:
        level = session.scalars(select(StockLevel).where(StockLevel.sku == sku)).one()
        level.available += qty
        session.commit()
    finally:
        session.close()


def count(sku: str) -> int:
    with SessionLocal() as session:
        return len(session.scalars(select(StockLevel).where(StockLevel.sku == sku)).all())
