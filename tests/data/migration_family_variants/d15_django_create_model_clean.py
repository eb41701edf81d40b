# clean: MIG-03
# path: shop/migrations/0101_refund.py
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("shop", "0100_backfill_order_region"),
    ]

    operations = [
        migrations.CreateModel(
            name="Refund",
            fields=[
                ("id", models.BigAutoField(primary_key=True, serialize=False)),
                ("amount", models.DecimalField(max_digits=12, decimal_places=2)),
                ("reference", models.CharField(max_length=64, unique=True)),
                ("order", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to="shop.order")),
            ],
        ),
        migrations.AddIndex(
            model_name="refund",
            index=models.Index(fields=["reference"], name="shop_refund_reference_idx"),
        ),
    ]
