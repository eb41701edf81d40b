# clean: MIG-03
# path: shipping/migrations/0029_drop_shipment_status_idx.py
from django.contrib.postgres.operations import RemoveIndexConcurrently
from django.db import migrations


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("shipping", "0028_shipment_order_fk_not_valid"),
    ]

    operations = [
        RemoveIndexConcurrently(model_name="shipment", name="shipment_status_idx"),
    ]
