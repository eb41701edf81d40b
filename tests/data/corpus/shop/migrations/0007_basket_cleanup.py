from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("shop", "0006_basket_totals")]

    operations = [
        migrations.RemoveField(
            model_name="basket",
            name="coupon_code",
        ),
        migrations.AddField(
            model_name="basket",
            name="note",
            field=models.TextField(null=True, blank=True),
        ),
        migrations.RunPython(fill_basket_notes),
    ]
