# clean: PY-SQL-STRING
from django.db import connection
from django.http import JsonResponse

EXPORTABLE = ("sku", "title", "price_cents", "stock", "updated_at")


def export_products(request):
    wanted = request.GET.get("fields", "sku,title").split(",")
    columns = [c for c in EXPORTABLE if c in wanted] or ["sku"]
    query = "SELECT {} FROM catalog_product WHERE shop_id = %s ORDER BY sku".format(", ".join(columns))
    with connection.cursor() as cursor:
        cursor.execute(query, [request.user.shop_id])
        rows = cursor.fetchall()
    return JsonResponse({"columns": columns, "rows": rows})
