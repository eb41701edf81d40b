# clean: PY-LOOKUP-NOT-CALLER-SCOPED
# path: app/api/tokens.py
from fastapi import APIRouter, Depends
from sqlalchemy import delete
from sqlalchemy.orm import Session

from app.auth import current_user
from app.db import get_db
from app.models import ApiToken, User

router = APIRouter()


@router.delete("/tokens/{token_id}", status_code=204)
def revoke_token(token_id: int, user: User = Depends(current_user), db: Session = Depends(get_db)):
    db.execute(delete(ApiToken).where(ApiToken.id == token_id, ApiToken.user_id == user.id))
    db.commit()
