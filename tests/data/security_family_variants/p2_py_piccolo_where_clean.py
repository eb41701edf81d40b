# clean: PY-SQL-STRING
# path: app/endpoints/bands.py
from piccolo.columns.combination import WhereRaw
from starlette.responses import JSONResponse

from app.tables import Band


async def search_bands(request):
    name = request.query_params.get("name", "")
    min_popularity = int(request.query_params.get("min_popularity", "0"))
    bands = await Band.select(Band.id, Band.name).where(
        (Band.popularity >= min_popularity) & WhereRaw("lower(name) LIKE {}", f"%{name.lower()}%")
    ).limit(50)
    return JSONResponse(bands)


async def band_count(request):
    genre = request.query_params.get("genre", "")
    rows = await Band.raw("SELECT count(*) AS n FROM band WHERE genre = {}", genre)
    return JSONResponse(rows[0])
