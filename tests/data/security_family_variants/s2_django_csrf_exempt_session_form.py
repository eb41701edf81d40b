# want: PY-CSRF-DISABLED
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt

from .forms import BillingAddressForm


@csrf_exempt
@login_required
def billing_address(request):
    form = BillingAddressForm(request.POST or None, instance=request.user.billing_address)
    if request.method == "POST" and form.is_valid():
        form.save()
        return redirect("account:billing")
    return render(request, "account/billing_address.html", {"form": form})
