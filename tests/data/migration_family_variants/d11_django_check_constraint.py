# want: MIG-06
# path: shop/migrations/0097_order_total_check.py
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("shop", "0096_order_number_unique"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="order",
            constraint=models.CheckConstraint(check=models.Q(total__gte=0), name="shop_order_total_nonneg"),
        ),
    ]
