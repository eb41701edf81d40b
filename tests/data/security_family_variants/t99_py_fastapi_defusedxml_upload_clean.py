# clean: PY-XXE
from defusedxml import ElementTree
from fastapi import APIRouter, UploadFile

router = APIRouter()


@router.post("/catalog/import")
async def import_catalog(feed: UploadFile):
    raw = await feed.read()
    root = ElementTree.fromstring(raw)
    skus = [item.findtext("sku") for item in root.iter("item")]
    return {"imported": len(skus)}
