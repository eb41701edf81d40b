# want: PY-SQL-STRING
from django.http import JsonResponse
from django.views.decorators.http import require_GET

from orders.models import Order


def _status_filter(status):
    return f"status = '{status}'"


@require_GET
def order_list(request):
    status = request.GET.get("status", "open")
    orders = Order.objects.raw(
        "SELECT id, number, total FROM orders_order WHERE " + _status_filter(status) + " ORDER BY id DESC"
    )
    return JsonResponse({"orders": [{"id": o.id, "number": o.number} for o in orders]})
