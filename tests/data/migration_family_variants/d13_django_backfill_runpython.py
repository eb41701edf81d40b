# want: MIG-10
# path: shop/migrations/0099_backfill_order_channel.py
from django.db import migrations


def fill_channel(apps, schema_editor):
    Order = apps.get_model("shop", "Order")
    Order.objects.filter(channel__isnull=True).update(channel="web")


class Migration(migrations.Migration):

    dependencies = [
        ("shop", "0098_order_warehouse"),
    ]

    operations = [
        migrations.RunPython(fill_channel, migrations.RunPython.noop),
    ]
