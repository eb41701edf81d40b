# clean: DJANGO-LIVE-MODEL
# path: shop/migrations/0051_backfill_sku.py
from django.db import migrations


def backfill(apps, schema_editor):
    Product = apps.get_model("shop", "Product")
    for product in Product.objects.filter(sku="").only("pk").iterator(chunk_size=2000):
        Product.objects.filter(pk=product.pk).update(sku=f"SKU-{product.pk:08d}")


class Migration(migrations.Migration):
    dependencies = [("shop", "0050_product_sku")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
