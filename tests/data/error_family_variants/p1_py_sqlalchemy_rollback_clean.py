# clean: PY-SQLALCHEMY-NO-ROLLBACK
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.models import Member


def add_member(session: Session, team_id: int, user_id: int) -> bool:
    session.add(Member(team_id=team_id, user_id=user_id))
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        return False
    return True
