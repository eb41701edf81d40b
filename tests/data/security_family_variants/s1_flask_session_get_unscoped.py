# want: PY-LOOKUP-NOT-CALLER-SCOPED
from flask import Blueprint, abort, jsonify
from flask_login import current_user, login_required

from .models import Invoice, db

bp = Blueprint("invoices", __name__)


@bp.get("/invoices")
@login_required
def list_invoices():
    rows = db.session.scalars(db.select(Invoice).where(Invoice.owner_id == current_user.id)).all()
    return jsonify([r.to_dict() for r in rows])


@bp.get("/invoices/<int:invoice_id>")
@login_required
def get_invoice(invoice_id: int):
    invoice = db.session.get(Invoice, invoice_id)
    if invoice is None:
        abort(404)
    return jsonify(invoice.to_dict())
