# want: MIG-10
# path: events/migrations/0045_fill_pageview_host.py
from urllib.parse import urlsplit

from django.db import migrations


def fill_host(apps, schema_editor):
    PageView = apps.get_model("events", "PageView")
    for view in PageView.objects.all():
        view.host = urlsplit(view.url).hostname or ""
        view.save(update_fields=["host"])


class Migration(migrations.Migration):

    dependencies = [
        ("events", "0044_pageview_campaign"),
    ]

    operations = [
        migrations.RunPython(fill_host, migrations.RunPython.noop),
    ]
