# clean: PY-EXCEPT-IN-ATOMIC
from peewee import IntegrityError

from app.models import Membership, Team, db


def join_team(user_id: int, team_id: int) -> bool:
    try:
        with db.atomic():
            team = Team.get_by_id(team_id)
            Membership.create(user=user_id, team=team, role="member")
            Team.update(member_count=Team.member_count + 1).where(Team.id == team_id).execute()
    except IntegrityError:
        return False
    return True
