# want: MIG-07
# path: shop/migrations/0096_order_number_unique.py
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("shop", "0095_rename_order_state"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="order",
            constraint=models.UniqueConstraint(fields=["number"], name="shop_order_number_uniq"),
        ),
    ]
