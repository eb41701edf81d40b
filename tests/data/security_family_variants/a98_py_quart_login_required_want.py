# want: PY-ROUTE-NO-AUTH
# path: app/billing.py
from quart import Blueprint, jsonify
from quart_auth import current_user, login_required

from app.services import billing

bp = Blueprint("billing", __name__, url_prefix="/billing")


@bp.get("/invoices")
@login_required
async def invoices():
    return jsonify(await billing.invoices_for(current_user.auth_id))


@bp.post("/payment-method")
@login_required
async def update_payment_method():
    return jsonify(await billing.start_setup_intent(current_user.auth_id))


@bp.post("/refunds/<int:invoice_id>")
async def refund_invoice(invoice_id: int):
    return jsonify(await billing.refund(invoice_id))
