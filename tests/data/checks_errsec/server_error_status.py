from fastapi import APIRouter, HTTPException, status
from flask import abort, jsonify
from sqlalchemy import select

from app.models import User

router = APIRouter()


@router.post("/users", status_code=201)
async def register(body, db):
    existing = await db.scalar(select(User).where(User.email == body.email))
    if existing is not None:
        raise HTTPException(status_code=500, detail="email is already registered")  # expect: ANY-500-FOR-CLIENT-ERROR
    if not body.accepted_terms:
        raise HTTPException(
            status_code=status.HTTP_500_INTERNAL_SERVER_ERROR,  # expect: ANY-500-FOR-CLIENT-ERROR
            detail="terms must be accepted: field required",
        )
    return await create_user(db, body)


@router.post("/users/ok", status_code=201)
async def register_right(body, db, settings):
    existing = await db.scalar(select(User).where(User.email == body.email))
    if existing is not None:
        raise HTTPException(status_code=409, detail="email is already registered")
    if not settings.mail_configured:
        raise HTTPException(status_code=500, detail="mail is not configured")
    return await create_user(db, body)


def lookup(user_id, db, log):
    try:
        user = db.get_user(user_id)
    except Exception:
        log.exception("lookup failed")
        abort(500)
    try:
        profile = db.get_profile(user_id)
    except ProfileNotFound:
        return jsonify(error="no profile"), 500  # expect: ANY-500-FOR-CLIENT-ERROR
    result = db.refresh(user)
    if result.failed:
        return jsonify(error="refresh failed"), 500
    return jsonify(name=user.name, bio=profile.bio)


async def create_user(db, body):
    return await db.insert(body)


class ProfileNotFound(Exception):
    pass


def invite_user(user, db):
    try:
        db.session.add(user)
        db.session.commit()
    except IntegrityError as e:
        db.session.rollback()
        if "email" in str(e):
            abort(400, message="Email already taken.")
        abort(500)


def render_template_for(step, templates):
    template = templates.get(step.id)
    if template is None:
        abort(500, "step template not found")
    return template


class IntegrityError(Exception):
    pass
