# want: MIG-03
# path: shop/migrations/0098_order_warehouse.py
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("shop", "0097_order_total_check"),
        ("inventory", "0012_warehouse"),
    ]

    operations = [
        migrations.AddField(
            model_name="order",
            name="warehouse",
            field=models.ForeignKey(
                null=True, on_delete=django.db.models.deletion.PROTECT, to="inventory.warehouse"
            ),
        ),
    ]
