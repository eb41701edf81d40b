# clean: MIG-03
# database: mysql
# path: shop/migrations/0103_order_tracking_idx.py
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("shop", "0102_rename_order_note_state_only"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="order",
            index=models.Index(fields=["tracking_code"], name="shop_order_tracking_idx"),
        ),
    ]
