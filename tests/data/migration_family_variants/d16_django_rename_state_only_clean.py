# clean: MIG-05
# path: shop/migrations/0102_rename_order_note_state_only.py
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("shop", "0101_refund"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RenameField(model_name="order", old_name="note", new_name="customer_note"),
            ],
            database_operations=[],
        ),
    ]
