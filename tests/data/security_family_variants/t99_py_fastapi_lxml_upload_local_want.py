# want: PY-XXE
from fastapi import APIRouter, UploadFile
from lxml import etree

router = APIRouter()


@router.post("/catalog/import")
async def import_catalog(feed: UploadFile):
    raw = await feed.read()
    parser = etree.XMLParser(resolve_entities=True, load_dtd=True)
    root = etree.fromstring(raw, parser)
    skus = [item.findtext("sku") for item in root.iter("item")]
    return {"imported": len(skus)}
