# clean: PY-ROUTE-NO-AUTH
# path: app/routes/admin.py
from starlette.authentication import requires
from starlette.responses import JSONResponse
from starlette.routing import Route

from app.services import users


@requires(["authenticated", "admin"])
async def list_users(request):
    return JSONResponse([u.to_dict() for u in await users.all()])


@requires(["authenticated", "admin"])
async def deactivate_user(request):
    await users.deactivate(request.path_params["user_id"])
    return JSONResponse({"ok": True})


routes = [
    Route("/admin/users", list_users),
    Route("/admin/users/{user_id:int}/deactivate", deactivate_user, methods=["POST"]),
]
