# clean: DJANGO-IRREVERSIBLE
# path: billing/migrations/0043_backfill_invoice_currency.py
from django.db import migrations


def fill_currency(apps, schema_editor):
    Invoice = apps.get_model("billing", "Invoice")
    Invoice.objects.filter(currency="").update(currency="EUR")


class Migration(migrations.Migration):
    dependencies = [("billing", "0042_invoice_currency")]

    operations = [migrations.RunPython(fill_currency, migrations.RunPython.noop)]
