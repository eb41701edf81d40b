# clean: PY-SQL-STRING
# path: app/api/heroes.py
from fastapi import APIRouter, Depends
from sqlalchemy import text
from sqlmodel import Session, select

from app.db import get_session
from app.models import Hero

router = APIRouter()


@router.get("/heroes")
def list_heroes(name: str | None = None, team: str | None = None, session: Session = Depends(get_session)):
    statement = select(Hero)
    if name:
        statement = statement.where(Hero.name == name)
    if team:
        statement = statement.where(Hero.team_name == team)
    return session.exec(statement.limit(100)).all()


@router.get("/heroes/stats")
def hero_stats(min_age: int = 0, session: Session = Depends(get_session)):
    rows = session.execute(
        text("SELECT team_name, count(*) AS n FROM hero WHERE age >= :min_age GROUP BY team_name"),
        {"min_age": min_age},
    )
    return [dict(r._mapping) for r in rows]
