# clean: MIG-10
# path: shop/migrations/0100_backfill_order_region.py
from django.db import migrations

BATCH = 2000


def fill_region(apps, schema_editor):
    Order = apps.get_model("shop", "Order")
    while True:
        ids = list(Order.objects.filter(region__isnull=True).values_list("pk", flat=True)[:BATCH])
        if not ids:
            break
        Order.objects.filter(pk__in=ids).update(region="eu")


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("shop", "0099_backfill_order_channel"),
    ]

    operations = [
        migrations.RunPython(fill_region, migrations.RunPython.noop),
    ]
