from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    atomic = False
    dependencies = [("shop", "0007_basket_cleanup")]

    operations = [
        AddIndexConcurrently(
            model_name="basket",
            index=models.Index(fields=["owner"], name="basket_owner_idx"),
        ),
    ]
