# clean: MIG-03
# path: events/migrations/0042_pageview_visitor_idx.py
from django.db import migrations


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("events", "0041_pageview_session_idx"),
    ]

    operations = [
        migrations.RunSQL(
            sql="CREATE INDEX CONCURRENTLY IF NOT EXISTS events_pageview_visitor_idx ON events_pageview (visitor_id)",
            reverse_sql="DROP INDEX CONCURRENTLY IF EXISTS events_pageview_visitor_idx",
        ),
    ]
