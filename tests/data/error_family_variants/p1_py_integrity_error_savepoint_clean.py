# clean: PY-EXCEPT-IN-ATOMIC
from django.db import IntegrityError, transaction
from django.db.models import F

from .models import Follow, Profile


def follow(follower, followee):
    with transaction.atomic():
        try:
            with transaction.atomic():
                rel = Follow.objects.create(follower=follower, followee=followee)
        except IntegrityError:
            return Follow.objects.get(follower=follower, followee=followee)
        Profile.objects.filter(user=followee).update(followers_count=F("followers_count") + 1)
        return rel
