# clean: PY-SQL-STRING
from django.db import connection
from django.http import JsonResponse

ORDERINGS = {"newest": "created DESC", "oldest": "created ASC", "name": "name ASC"}


def checks_report(request):
    order = ORDERINGS.get(request.GET.get("order"), "created DESC")
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT code, name FROM api_check WHERE project_id = %s ORDER BY {order}",
            [request.project.id],
        )
        rows = cursor.fetchall()
    return JsonResponse({"checks": rows})
