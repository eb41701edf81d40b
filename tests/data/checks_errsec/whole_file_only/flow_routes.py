"""Fixture for the data-flow checks that need the whole file (written for persona-review): URL parameters
of a route are tainted only when the route decorator is in view, and a route lacks its siblings' guard only
when the siblings are. `# expect: ID` marks a finding."""
from pathlib import Path

from fastapi import APIRouter, Depends
from flask import Flask

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
