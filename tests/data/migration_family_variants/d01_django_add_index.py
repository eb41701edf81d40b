# want: MIG-03
# path: shop/migrations/0087_order_placed_at_idx.py
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("shop", "0086_order_channel"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="order",
            index=models.Index(fields=["placed_at"], name="shop_order_placed_at_idx"),
        ),
    ]
