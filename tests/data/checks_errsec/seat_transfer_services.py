from django.db import transaction
from django.db.models import F

from teams.models import SeatMove, Team


def move_seats(src: Team, dst: Team, seats: int) -> SeatMove:
    move = SeatMove.objects.create(src=src, dst=dst, seats=seats)  # expect: PY-WRITES-NO-TX
    Team.objects.filter(pk=src.pk).update(seats=F("seats") - seats)
    Team.objects.filter(pk=dst.pk).update(seats=F("seats") + seats)
    return move


@transaction.atomic
def move_seats_atomically(src: Team, dst: Team, seats: int) -> SeatMove:
    move = SeatMove.objects.create(src=src, dst=dst, seats=seats)
    Team.objects.filter(pk=src.pk).update(seats=F("seats") - seats)
    Team.objects.filter(pk=dst.pk).update(seats=F("seats") + seats)
    return move


def rename(team: Team, name: str) -> None:
    team.name = name
    team.save()
    SeatMove.objects.filter(src=team).update(note=name)
