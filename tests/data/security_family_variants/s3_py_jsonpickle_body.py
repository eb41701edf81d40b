# want: PY-UNSAFE-DESERIALIZATION
import jsonpickle
from django.http import JsonResponse
from django.views.decorators.http import require_POST

from .models import SavedSearch


@require_POST
def save_search(request):
    search = jsonpickle.decode(request.body.decode("utf-8"))
    SavedSearch.objects.create(owner=request.user, query=search.query, filters=search.filters)
    return JsonResponse({"ok": True})
