from django.db import migrations


def fill(apps, schema_editor):
    Order = apps.get_model("shop", "Order")
    Order.objects.all().update(state="new")
    Order.objects.filter(state__isnull=True).update(state="new")
    Order.objects.filter(pk__in=[1, 2]).update(state="new")
    Order.objects.update(state="new")


def backwards(apps, schema_editor):
    Order = apps.get_model("shop", "Order")
    Order.objects.update(state=None)


class Migration(migrations.Migration):
    dependencies = [("shop", "0004")]
    operations = [
        migrations.RunPython(fill, backwards),
        migrations.RunSQL("UPDATE shop_order SET total = 0", reverse_sql=migrations.RunSQL.noop),
    ]
