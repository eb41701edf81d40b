# Django and SQLAlchemy lookups by a client's key that crash with 500; the handled shapes stay clean.
from django.shortcuts import get_object_or_404, render


def invoice_detail(request, invoice_id):
    invoice = Invoice.objects.get(pk=invoice_id)  # expect: PY-LOOKUP-NOT-FOUND-500
    return render(request, "invoice.html", {"invoice": invoice})


def receipt_detail(request, receipt_id):
    receipt = get_object_or_404(Receipt, pk=receipt_id)
    return render(request, "receipt.html", {"receipt": receipt})


def refund_detail(request, refund_id):
    try:
        refund = Refund.objects.get(pk=refund_id)
    except Refund.DoesNotExist:
        raise Http404
    return render(request, "refund.html", {"refund": refund})


def profile(request, username):
    user = User.objects.filter(username=username).first()  # expect: PY-FIRST-NONE-DEREF
    return JsonResponse({"email": user.email})


def settings_page(request):
    site = SiteSettings.objects.get(pk=1)
    return render(request, "settings.html", {"site": site})


@router.get("/items/{item_id}")
def read_item(item_id: int, db: Session = Depends(get_db)):
    return db.execute(select(Item).where(Item.id == item_id)).scalar_one()  # expect: PY-LOOKUP-NOT-FOUND-500
