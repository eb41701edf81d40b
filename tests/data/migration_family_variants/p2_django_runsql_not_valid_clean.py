# clean: MIG-06
# path: shipping/migrations/0028_shipment_order_fk_not_valid.py
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("shipping", "0027_shipment_tracking_url"),
    ]

    operations = [
        migrations.RunSQL(
            sql=(
                "ALTER TABLE shipping_shipment ADD CONSTRAINT shipping_shipment_order_fk "
                "FOREIGN KEY (order_id) REFERENCES orders_order (id) DEFERRABLE INITIALLY DEFERRED NOT VALID"
            ),
            reverse_sql="ALTER TABLE shipping_shipment DROP CONSTRAINT shipping_shipment_order_fk",
        ),
    ]
