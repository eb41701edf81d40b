# want: PY-EXCEPTION-LEAK
import traceback

from django.http import JsonResponse


def report(request, report_id):
    try:
        return JsonResponse(build_report(report_id))
    except Exception:
        return JsonResponse({"error": traceback.format_exc()}, status=500)
