# clean: MIG-02
# path: shop/migrations/0092_order_source.py
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("shop", "0091_order_currency"),
    ]

    operations = [
        migrations.AddField(
            model_name="order",
            name="source",
            field=models.CharField(max_length=16, db_default="web"),
        ),
    ]
