# clean: PY-UNSAFE-DESERIALIZATION
import base64
import json

from litestar import Request, post


@post("/cart/restore")
async def restore_cart(request: Request) -> dict:
    blob = await request.body()
    cart = json.loads(base64.b64decode(blob))
    return {"items": len(cart)}
