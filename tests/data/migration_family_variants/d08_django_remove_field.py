# want: MIG-01
# path: shop/migrations/0094_remove_order_legacy_status.py
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("shop", "0093_order_total_decimal"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="order",
            name="legacy_status",
        ),
    ]
