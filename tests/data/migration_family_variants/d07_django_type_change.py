# want: MIG-04
# path: shop/migrations/0093_order_total_decimal.py
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("shop", "0092_order_source"),
    ]

    operations = [
        migrations.AlterField(
            model_name="order",
            name="total",
            field=models.DecimalField(max_digits=12, decimal_places=2),
        ),
    ]
