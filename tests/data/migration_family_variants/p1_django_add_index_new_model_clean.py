# clean: DJANGO-INDEX-LOCK
# path: api/migrations/0081_flip.py
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("api", "0080_channel_kind")]

    operations = [
        migrations.CreateModel(
            name="Flip",
            fields=[
                ("id", models.AutoField(primary_key=True, serialize=False)),
                ("created", models.DateTimeField()),
                ("processed", models.DateTimeField(blank=True, null=True)),
                ("new_status", models.CharField(max_length=8)),
                ("owner", models.ForeignKey(on_delete=models.CASCADE, to="api.check")),
            ],
        ),
        migrations.AddIndex(
            model_name="flip",
            index=models.Index(fields=["processed"], name="api_flip_not_processed", condition=models.Q(processed=None)),
        ),
    ]
