# clean: PY-UNSAFE-DESERIALIZATION
import json

from itsdangerous import BadSignature, URLSafeTimedSerializer
from flask import Blueprint, current_app, jsonify, request

bp = Blueprint("cart", __name__)


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="cart", serializer=json)


@bp.get("/cart")
def show_cart():
    raw = request.cookies.get("cart", "")
    try:
        cart = _serializer().loads(raw, max_age=7 * 86400)
    except BadSignature:
        cart = {"items": []}
    return jsonify(cart)
