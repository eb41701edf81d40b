# clean: PY-SQL-STRING
from django.http import JsonResponse
from django.views.decorators.http import require_GET

from orders.models import Order

_SORTS = {
    "newest": "created_at DESC",
    "oldest": "created_at ASC",
    "total": "total DESC",
}


def _order_by(key):
    return _SORTS.get(key, "created_at DESC")


@require_GET
def order_list(request):
    sort = request.GET.get("sort", "newest")
    orders = Order.objects.raw(
        "SELECT id, number, total FROM orders_order ORDER BY " + _order_by(sort)
    )
    return JsonResponse({"orders": [{"id": o.id, "number": o.number} for o in orders]})
