# clean: MIG-02
# path: shipping/migrations/0027_shipment_tracking_url.py
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("shipping", "0026_shipment_carrier"),
    ]

    operations = [
        migrations.AddField(
            model_name="shipment",
            name="tracking_url",
            field=models.URLField(blank=True, null=True),
        ),
    ]
