# clean: PY-REQUEST-PARSE-UNGUARDED
from pydantic import BaseModel, ValidationError
from quart import Blueprint, jsonify, request

bp = Blueprint("signup", __name__)


class Signup(BaseModel):
    email: str
    name: str
    plan: str = "free"


@bp.post("/signup")
async def signup():
    payload = await request.get_json(silent=True)
    if payload is None:
        return jsonify(error="expected a JSON body"), 400
    try:
        data = Signup.model_validate(payload)
    except ValidationError as exc:
        return jsonify(error=exc.errors()), 422
    user = await create_user(data)
    return jsonify(id=user.id), 201
