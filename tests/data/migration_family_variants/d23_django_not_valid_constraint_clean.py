# clean: MIG-06
# path: events/migrations/0047_pageview_duration_check.py
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("events", "0046_drop_pageview_session_idx"),
    ]

    operations = [
        migrations.RunSQL(
            sql="ALTER TABLE events_pageview ADD CONSTRAINT pageview_duration_nonneg CHECK (duration_ms >= 0) NOT VALID",
            reverse_sql="ALTER TABLE events_pageview DROP CONSTRAINT pageview_duration_nonneg",
        ),
    ]
