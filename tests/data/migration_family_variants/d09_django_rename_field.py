# want: MIG-05
# path: shop/migrations/0095_rename_order_state.py
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("shop", "0094_remove_order_legacy_status"),
    ]

    operations = [
        migrations.RenameField(
            model_name="order",
            old_name="state",
            new_name="status",
        ),
    ]
