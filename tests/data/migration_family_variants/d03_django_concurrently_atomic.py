# want: MIG-12
# path: shop/migrations/0089_order_channel_idx.py
from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("shop", "0088_order_shipped_at_idx"),
    ]

    operations = [
        AddIndexConcurrently(
            model_name="order",
            index=models.Index(fields=["channel"], name="shop_order_channel_idx"),
        ),
    ]
