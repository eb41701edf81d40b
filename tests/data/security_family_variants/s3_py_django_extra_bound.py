# clean: PY-SQL-STRING
from django.db.models.expressions import RawSQL
from django.http import JsonResponse

from .models import Product


def search_products(request):
    term = request.GET.get("q", "")
    products = Product.objects.annotate(
        score=RawSQL("similarity(name, %s)", [term])
    ).extra(where=["name ILIKE %s"], params=[f"%{term}%"]).order_by("-score")[:20]
    return JsonResponse({"results": [p.name for p in products]})
