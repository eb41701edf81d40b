"""PY-LOOKUP-NOT-FOUND-500 and PY-FIRST-NONE-DEREF: a view's lookup by the client's key that crashes with
500 when nothing matches."""

from __future__ import annotations

import pytest

from persona_review.checks.runner import run_checks
from persona_review.contexts import build_context, context_for_text
from persona_review.diff import parse_diff

GET = "PY-LOOKUP-NOT-FOUND-500"
FIRST = "PY-FIRST-NONE-DEREF"


def _lines(text: str, rule: str, path: str = "shop/views.py") -> list[int]:
    found = run_checks([context_for_text(path, text)]).findings
    return sorted(f.line or 0 for f in found if f.rule_id == rule)


_FUNCTION_VIEW = '''from django.shortcuts import render

def invoice_detail(request, invoice_id):
    invoice = Invoice.objects.get(pk=invoice_id)
    return render(request, "invoice.html", {"invoice": invoice})
'''

_DRF_ACTION = '''class UserViewSet(viewsets.ModelViewSet):
    @action(detail=True, methods=["post"])
    def deactivate(self, request, pk=None):
        user = User.objects.select_related("profile").get(pk=pk)
        user.is_active = False
        user.save()
        return Response(status=204)
'''

_QUERY_PARAM = '''class ReportView(APIView):
    def get(self, request):
        project_id = request.query_params.get("project")
        project = Project.objects.filter(archived=False).get(id=int(project_id))
        return Response(ReportSerializer(project).data)
'''

_CBV_KWARGS = '''class NoteCreate(CreateView):
    def dispatch(self, request, *args, **kwargs):
        self.member = User.objects.get(pk=self.kwargs["user_pk"])
        return super().dispatch(request, *args, **kwargs)
'''

_FASTAPI_SQLA = '''@router.get("/items/{item_id}")
def read_item(item_id: int, db: Session = Depends(get_db)):
    item = db.execute(select(Item).where(Item.id == item_id)).scalar_one()
    return item
'''

_FLASK_SQLA = '''@bp.route("/orders/<int:order_id>")
def show_order(order_id):
    order = db.session.query(Order).filter_by(id=order_id).one()
    return jsonify(order.to_dict())
'''


@pytest.mark.parametrize(("text", "line"), [
    (_FUNCTION_VIEW, 4), (_DRF_ACTION, 4), (_QUERY_PARAM, 4), (_CBV_KWARGS, 3), (_FASTAPI_SQLA, 3),
    (_FLASK_SQLA, 3),
])
def test_lookup_by_the_clients_key_without_not_found_handling_is_reported(text: str, line: int) -> None:
    assert _lines(text, GET) == [line]


def test_the_message_names_the_models_exception() -> None:
    found = run_checks([context_for_text("shop/views.py", _FUNCTION_VIEW)]).findings
    assert ["Invoice.DoesNotExist" in f.body for f in found if f.rule_id == GET] == [True]


@pytest.mark.parametrize("text", [
    # caught
    _FUNCTION_VIEW.replace("    invoice = Invoice.objects.get(pk=invoice_id)\n",
                           "    try:\n        invoice = Invoice.objects.get(pk=invoice_id)\n"
                           "    except Invoice.DoesNotExist:\n        raise Http404\n"),
    _DRF_ACTION.replace('        user = User.objects.select_related("profile").get(pk=pk)\n',
                        '        try:\n            user = User.objects.get(pk=pk)\n'
                        '        except ObjectDoesNotExist:\n            return Response(status=404)\n'),
    _FASTAPI_SQLA.replace("    item = db.execute(select(Item).where(Item.id == item_id)).scalar_one()\n",
                          "    try:\n        item = db.execute(select(Item).where(Item.id == item_id)).scalar_one()\n"
                          "    except NoResultFound:\n        raise HTTPException(404)\n"),
    # the helpers that answer 404, and the lookups that do not raise
    _FUNCTION_VIEW.replace("Invoice.objects.get(pk=invoice_id)", "get_object_or_404(Invoice, pk=invoice_id)"),
    _FASTAPI_SQLA.replace(".scalar_one()", ".scalar_one_or_none()"),
    # a key the server holds, not the client
    _FUNCTION_VIEW.replace("Invoice.objects.get(pk=invoice_id)", "Profile.objects.get(user=request.user)"),
    _FUNCTION_VIEW.replace("Invoice.objects.get(pk=invoice_id)", "SiteSettings.objects.get(pk=1)"),
    # the key is a record fetched before
    _FUNCTION_VIEW.replace("    invoice = Invoice.objects.get(pk=invoice_id)\n",
                           "    base = get_object_or_404(Invoice, pk=invoice_id)\n"
                           "    invoice = Invoice.objects.get(pk=base.pk)\n"),
    # a dict's get and a cache's get are not lookups that raise
    _FUNCTION_VIEW.replace("Invoice.objects.get(pk=invoice_id)", "cache.get(invoice_id)"),
    # not a request handler: a Celery task that happens to take `request`, a helper
    "@shared_task(bind=True)\ndef error_callback(request, exc, rule_id):\n"
    "    rule = MailRule.objects.get(pk=rule_id)\n    rule.notify(exc)\n",
    "def load(invoice_id):\n    return Invoice.objects.get(pk=invoice_id)\n",
])
def test_handled_or_non_request_lookups_are_quiet(text: str) -> None:
    assert _lines(text, GET) == []


@pytest.mark.parametrize("path", ["shop/tests/test_views.py", "shop/management/commands/fix.py", "shop/admin.py"])
def test_tests_commands_and_admin_are_quiet(path: str) -> None:
    assert _lines(_FUNCTION_VIEW, GET, path) == []


_FIRST_DJANGO = '''def profile(request, username):
    user = User.objects.filter(username=username).first()
    return JsonResponse({"email": user.email})
'''

_FIRST_FLASK = '''@app.route("/api/tokens/<token_id>", methods=["DELETE"])
def revoke(token_id):
    token = ApiToken.query.filter_by(id=token_id).first()
    token.revoked = True
    db.session.commit()
    return "", 204
'''

_FIRST_FORM = '''def reset(request):
    email = request.POST.get("email")
    account = Account.objects.filter(email__iexact=email).first()
    send_reset(account.email, account.token)
    return redirect("done")
'''


@pytest.mark.parametrize(("text", "span"), [(_FIRST_DJANGO, (2, 3)), (_FIRST_FLASK, (3, 4)), (_FIRST_FORM, (3, 4))])
def test_first_result_used_at_once_is_reported(text: str, span: tuple[int, int]) -> None:
    found = [f for f in run_checks([context_for_text("app/views.py", text)]).findings if f.rule_id == FIRST]
    assert [(f.line, f.end_line) for f in found] == [span]


@pytest.mark.parametrize("text", [
    _FIRST_DJANGO.replace("    return JsonResponse", "    if user is None:\n        raise Http404\n    return JsonResponse"),
    _FIRST_FLASK.replace("    token.revoked = True\n", "    if not token:\n        abort(404)\n    token.revoked = True\n"),
    _FIRST_DJANGO.replace('{"email": user.email}', '{"email": user.email if user else None}'),
    _FIRST_DJANGO.replace('filter(username=username)', 'filter(is_staff=True)'),
    _FIRST_DJANGO.replace("def profile(request, username):", "def profile(username):"),
])
def test_first_result_checked_or_not_keyed_by_the_request_is_quiet(text: str) -> None:
    assert _lines(text, FIRST, "app/views.py") == []


def test_a_hunk_inside_a_view_reports_the_added_lookup() -> None:
    diff = (
        "diff --git a/shop/views.py b/shop/views.py\n--- a/shop/views.py\n+++ b/shop/views.py\n"
        "@@ -10,4 +10,5 @@ class OrderView(APIView):\n"
        "     def get(self, request, order_id):\n"
        "-        order = get_object_or_404(Order, pk=order_id)\n"
        "+        order = Order.objects.get(pk=order_id)\n"
        "+        audit(order)\n"
        "         return Response(OrderSerializer(order).data)\n"
        " \n"
    )
    contexts = [build_context(f) for f in parse_diff(diff).files]
    found = [f for f in run_checks(contexts).findings if f.rule_id == GET]
    assert [f.line for f in found] == [11]
