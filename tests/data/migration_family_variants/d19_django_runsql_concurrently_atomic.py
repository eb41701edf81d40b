# want: MIG-12
# path: events/migrations/0043_pageview_path_idx.py
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("events", "0042_pageview_visitor_idx"),
    ]

    operations = [
        migrations.RunSQL(
            sql="CREATE INDEX CONCURRENTLY events_pageview_path_idx ON events_pageview (path)",
            reverse_sql="DROP INDEX CONCURRENTLY events_pageview_path_idx",
        ),
    ]
