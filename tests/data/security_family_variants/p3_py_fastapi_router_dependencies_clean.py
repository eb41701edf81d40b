# clean: PY-ROUTE-NO-AUTH
from fastapi import APIRouter, Depends

from app.auth import require_user
from app.db import get_db
from app.services import projects

router = APIRouter(prefix="/projects", tags=["projects"], dependencies=[Depends(require_user)])


@router.get("/")
def list_projects(db=Depends(get_db)):
    return projects.list_all(db)


@router.post("/{project_id}/archive")
def archive_project(project_id: int, db=Depends(get_db)):
    return projects.archive(db, project_id)
