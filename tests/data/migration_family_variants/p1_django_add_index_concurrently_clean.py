# clean: DJANGO-INDEX-LOCK
# path: api/migrations/0082_ping_created_index.py
from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("api", "0081_flip")]

    operations = [
        AddIndexConcurrently(
            model_name="ping",
            index=models.Index(fields=["owner", "created"], name="api_ping_owner_created"),
        ),
    ]
