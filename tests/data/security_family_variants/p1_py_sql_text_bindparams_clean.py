# clean: PY-SQL-STRING
from fastapi import APIRouter, Depends
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.deps import get_db

router = APIRouter()


@router.get("/invoices")
def search_invoices(customer: str, status: str | None = None, db: Session = Depends(get_db)):
    clauses = ["customer_ref = :customer"]
    params = {"customer": customer}
    if status:
        clauses.append("status = :status")
        params["status"] = status
    stmt = text("SELECT id, total FROM invoices WHERE " + " AND ".join(clauses) + " ORDER BY id DESC")
    return [dict(row._mapping) for row in db.execute(stmt, params)]
