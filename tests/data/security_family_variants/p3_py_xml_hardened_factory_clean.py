# clean: PY-XXE
from lxml import etree

from fastapi import APIRouter, Request

router = APIRouter()


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


@router.post("/import/camt053")
async def import_statement(request: Request):
    body = await request.body()
    root = etree.fromstring(body, parser=_parser())
    entries = root.findall(".//{*}Ntry")
    return {"entries": len(entries)}
