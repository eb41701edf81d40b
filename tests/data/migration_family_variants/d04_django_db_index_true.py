# want: MIG-03
# path: shop/migrations/0090_order_reference_db_index.py
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("shop", "0089_order_channel_idx"),
    ]

    operations = [
        migrations.AlterField(
            model_name="order",
            name="reference",
            field=models.CharField(max_length=64, db_index=True),
        ),
    ]
