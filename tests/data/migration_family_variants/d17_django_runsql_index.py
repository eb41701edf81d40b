# want: MIG-03
# path: events/migrations/0041_pageview_session_idx.py
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("events", "0040_pageview_referrer"),
    ]

    operations = [
        migrations.RunSQL(
            sql="CREATE INDEX events_pageview_session_idx ON events_pageview (session_id)",
            reverse_sql="DROP INDEX events_pageview_session_idx",
        ),
    ]
