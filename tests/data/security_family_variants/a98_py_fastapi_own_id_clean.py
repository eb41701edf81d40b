# clean: PY-LOOKUP-NOT-CALLER-SCOPED
# path: app/api/profile.py
from fastapi import APIRouter, Depends
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth import current_user
from app.db import get_session
from app.models import Profile, User
from app.schemas import ProfileIn

router = APIRouter()


@router.put("/me/profile")
async def update_profile(body: ProfileIn, user: User = Depends(current_user),
                         session: AsyncSession = Depends(get_session)):
    profile = await session.get(Profile, user.id)
    profile.display_name = body.display_name
    profile.bio = body.bio
    await session.commit()
    return profile
