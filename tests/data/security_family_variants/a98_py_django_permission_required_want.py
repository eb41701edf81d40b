# want: PY-ROUTE-NO-AUTH
# path: payroll/views.py
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect, render

from .models import PayRun


@permission_required("payroll.view_payrun")
def payrun_list(request):
    return render(request, "payroll/list.html", {"runs": PayRun.objects.order_by("-period")})


@permission_required("payroll.change_payrun")
def payrun_approve(request, pk):
    run = get_object_or_404(PayRun, pk=pk)
    run.approve(by=request.user)
    return redirect("payroll:list")


def payrun_release(request, pk):
    run = get_object_or_404(PayRun, pk=pk)
    run.release_payments(by=request.user)
    return redirect("payroll:list")
