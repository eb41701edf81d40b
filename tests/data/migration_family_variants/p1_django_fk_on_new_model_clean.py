# clean: DJANGO-NOT-NULL
# path: accounts/migrations/0031_credential.py
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("accounts", "0030_profile_theme")]

    operations = [
        migrations.CreateModel(
            name="Credential",
            fields=[
                ("id", models.AutoField(primary_key=True, serialize=False)),
                ("name", models.CharField(max_length=100)),
            ],
        ),
        migrations.AddField(
            model_name="credential",
            name="user",
            field=models.ForeignKey(on_delete=models.CASCADE, to=settings.AUTH_USER_MODEL),
        ),
    ]
