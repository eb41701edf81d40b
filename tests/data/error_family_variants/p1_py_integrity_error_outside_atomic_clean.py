# clean: PY-EXCEPT-IN-ATOMIC
from django.db import IntegrityError, transaction

from .models import Tag


def get_or_create_tag(team, name):
    try:
        with transaction.atomic():
            return Tag.objects.create(team=team, name=name)
    except IntegrityError:
        return Tag.objects.get(team=team, name=name)
