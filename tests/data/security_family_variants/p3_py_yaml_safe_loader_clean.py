# clean: PY-UNSAFE-DESERIALIZATION
import yaml
from django.http import JsonResponse
from django.views.decorators.http import require_POST

from pipelines.models import Pipeline


@require_POST
def upload_pipeline(request):
    spec = yaml.load(request.FILES["spec"].read(), Loader=yaml.SafeLoader)
    pipeline = Pipeline.objects.create(owner=request.user, name=spec["name"], steps=spec.get("steps", []))
    return JsonResponse({"id": pipeline.pk})
