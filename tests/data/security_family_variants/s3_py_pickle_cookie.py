# want: PY-UNSAFE-DESERIALIZATION
import base64
import pickle

from flask import Blueprint, jsonify, request

bp = Blueprint("cart", __name__)


@bp.get("/cart")
def show_cart():
    raw = request.cookies.get("cart")
    cart = pickle.loads(base64.urlsafe_b64decode(raw)) if raw else {"items": []}
    return jsonify(cart)
