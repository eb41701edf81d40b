# want: PY-MASS-ASSIGNMENT
from fastapi import APIRouter, Depends
from pydantic import BaseModel, ConfigDict
from sqlalchemy.orm import Session

from app.deps import current_user, get_db
from app.models import User

router = APIRouter()


class UserPatch(BaseModel):
    model_config = ConfigDict(extra="allow")

    display_name: str | None = None


@router.patch("/users/me")
def patch_me(body: UserPatch, db: Session = Depends(get_db), user: User = Depends(current_user)):
    for field, value in body.model_dump(exclude_unset=True).items():
        setattr(user, field, value)
    db.commit()
    return {"id": user.id}
