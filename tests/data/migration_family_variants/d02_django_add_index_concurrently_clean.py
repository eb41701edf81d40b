# clean: MIG-03
# path: shop/migrations/0088_order_shipped_at_idx.py
from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("shop", "0087_order_placed_at_idx"),
    ]

    operations = [
        AddIndexConcurrently(
            model_name="order",
            index=models.Index(fields=["shipped_at"], name="shop_order_shipped_at_idx"),
        ),
    ]
