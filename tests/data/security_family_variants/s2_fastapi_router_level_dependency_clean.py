# clean: PY-ROUTE-NO-AUTH
from fastapi import APIRouter, Depends
from sqlalchemy.orm import Session

from app.deps import get_db, require_admin
from app.models import FeatureFlag
from app.schemas import FlagIn, FlagOut

router = APIRouter(prefix="/flags", tags=["flags"], dependencies=[Depends(require_admin)])


@router.get("/", response_model=list[FlagOut])
def list_flags(db: Session = Depends(get_db)):
    return db.query(FeatureFlag).all()


@router.post("/", response_model=FlagOut)
def create_flag(body: FlagIn, db: Session = Depends(get_db)):
    flag = FeatureFlag(key=body.key, enabled=body.enabled)
    db.add(flag)
    db.commit()
    return flag


@router.delete("/{key}", status_code=204)
def delete_flag(key: str, db: Session = Depends(get_db)):
    db.query(FeatureFlag).filter_by(key=key).delete()
    db.commit()
