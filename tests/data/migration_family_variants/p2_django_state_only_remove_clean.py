# clean: MIG-01
# path: shipping/migrations/0030_stop_using_legacy_code.py
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("shipping", "0029_drop_shipment_status_idx"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(model_name="shipment", name="legacy_code"),
            ],
            database_operations=[],
        ),
    ]
