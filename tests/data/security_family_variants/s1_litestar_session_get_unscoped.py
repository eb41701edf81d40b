# want: PY-LOOKUP-NOT-CALLER-SCOPED
from litestar import Request, delete, get
from litestar.exceptions import NotFoundException
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Bookmark, User


@get("/bookmarks/{bookmark_id:int}")
async def get_bookmark(request: Request[User, dict, dict], db_session: AsyncSession, bookmark_id: int) -> dict:
    bookmark = await db_session.scalar(
        select(Bookmark).where(Bookmark.id == bookmark_id, Bookmark.user_id == request.user.id)
    )
    if bookmark is None:
        raise NotFoundException()
    return bookmark.to_dict()


@delete("/bookmarks/{bookmark_id:int}")
async def delete_bookmark(db_session: AsyncSession, bookmark_id: int) -> None:
    bookmark = await db_session.get(Bookmark, bookmark_id)
    if bookmark is None:
        raise NotFoundException()
    await db_session.delete(bookmark)
    await db_session.commit()
