# want: PY-UNSAFE-DESERIALIZATION
import base64
import pickle

from litestar import Request, post


@post("/cart/restore")
async def restore_cart(request: Request) -> dict:
    blob = await request.body()
    cart = pickle.loads(base64.b64decode(blob))
    return {"items": len(cart)}
