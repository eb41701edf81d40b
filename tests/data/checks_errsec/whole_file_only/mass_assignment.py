from flask import request
from .models import User, db


@app.post("/users/<int:uid>")
def update_user(uid):
    user = User(**request.get_json())  # expect: PY-MASS-ASSIGNMENT
    db.session.add(user)


def django_view(request, pk):
    Order.objects.filter(pk=pk).update(**request.data)  # expect: PY-MASS-ASSIGNMENT
    payload = request.POST
    Invoice.objects.create(**payload)  # expect: PY-MASS-ASSIGNMENT


def loop(request, account):
    for key, value in request.json.items():
        setattr(account, key, value)  # expect: PY-MASS-ASSIGNMENT


def safe(request):
    data = UserCreate(**request.get_json())
    user = User(name=data.name, email=data.email)
    body = request.get_json()
    user2 = User(name=body["name"])
    params = SearchParams(**request.args)


async def fastapi_like(request):
    item = Item(**(await request.json()))  # expect: PY-MASS-ASSIGNMENT
