"""Fixture for the data-flow checks that need the whole file (written for persona-review): URL parameters
of a route are tainted only when the route decorator is in view, and a route lacks its siblings' guard only
when the siblings are. `# expect: ID` marks a finding."""
import os
from pathlib import Path

from fastapi import APIRouter, Depends
from flask import Flask, request

app = Flask(__name__)
router = APIRouter()
UPLOADS = Path("/srv/uploads")


@app.route("/ping")
def ping():
    return "pong"


@app.route("/notes/<note_id>")
def note(note_id):
    return (UPLOADS / note_id).read_text()  # expect: PY-PATH-TRAVERSAL


def current_user():
    return None


@router.get("/admin/users")
def list_users(user=Depends(current_user)):
    return []


@router.post("/admin/users")
def create_user(user=Depends(current_user)):
    return {}


@router.put("/admin/users/{user_id}")
def update_user(user_id: int, user=Depends(current_user)):
    return {}


@router.delete("/admin/users/{user_id}")
def delete_user(user_id: int):  # expect: PY-ROUTE-NO-AUTH
    return {}


@router.get("/health")
def health():
    return {"ok": True}


# A same-file helper passes request data through; a lookup helper does not.
EXPORT_NAMES = {"orders": "orders.csv", "users": "users.csv"}


def export_path(name):
    return os.path.join("/srv/exports", name)


def export_name(kind):
    return EXPORT_NAMES.get(kind, "default.csv")


@app.route("/export")
def export():
    kind = request.args["kind"]
    raw = open(export_path(kind)).read()  # expect: PY-PATH-TRAVERSAL
    known = open(export_path(export_name(kind))).read()
    return raw + known

