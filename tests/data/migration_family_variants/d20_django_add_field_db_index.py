# want: MIG-03
# path: events/migrations/0044_pageview_campaign.py
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("events", "0043_pageview_path_idx"),
    ]

    operations = [
        migrations.AddField(
            model_name="pageview",
            name="campaign",
            field=models.CharField(blank=True, max_length=64, null=True, db_index=True),
        ),
    ]
