# want: PY-UNSAFE-DESERIALIZATION
import base64
import pickle

from starlette.requests import Request
from starlette.responses import JSONResponse

from app.feed import load_page


def _decode_cursor(token):
    if not token:
        return None
    return pickle.loads(base64.urlsafe_b64decode(token))


async def activity_feed(request: Request) -> JSONResponse:
    cursor = _decode_cursor(request.query_params.get("cursor"))
    items, nxt = await load_page(request.state.user_id, cursor)
    token = base64.urlsafe_b64encode(pickle.dumps(nxt)).decode() if nxt else None
    return JSONResponse({"items": items, "next": token})
