# clean: PY-SQL-STRING
from fastapi import APIRouter, Depends
from pydantic import BaseModel
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.auth import current_user
from app.db import get_db

router = APIRouter()


class ProfilePatch(BaseModel):
    display_name: str | None = None
    timezone: str | None = None
    locale: str | None = None


@router.patch("/me/profile")
def patch_profile(body: ProfilePatch, user=Depends(current_user), db: Session = Depends(get_db)):
    changes = body.model_dump(exclude_unset=True)
    if not changes:
        return {"updated": 0}
    assignments = ", ".join(f"{name} = :{name}" for name in changes)
    db.execute(text(f"UPDATE profiles SET {assignments} WHERE user_id = :uid"), {**changes, "uid": user.id})
    db.commit()
    return {"updated": len(changes)}
