# clean: MIG-03
# path: events/migrations/0046_drop_pageview_session_idx.py
from django.contrib.postgres.operations import RemoveIndexConcurrently
from django.db import migrations


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("events", "0045_fill_pageview_host"),
    ]

    operations = [
        RemoveIndexConcurrently(model_name="pageview", name="events_pageview_session_idx"),
    ]
