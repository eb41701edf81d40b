# want: PY-EXCEPTION-LEAK
from fastapi import HTTPException


@router.get("/reports/{report_id}")
async def report(report_id: int):
    try:
        return await build_report(report_id)
    except Exception as e:
        raise HTTPException(status_code=500, detail=f"report failed: {e}")
