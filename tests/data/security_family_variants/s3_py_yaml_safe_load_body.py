# clean: PY-UNSAFE-DESERIALIZATION
import json

import yaml
from fastapi import APIRouter, Request

router = APIRouter()


@router.post("/pipelines/validate")
async def validate_pipeline(request: Request):
    body = await request.body()
    spec = yaml.safe_load(body)
    other = yaml.load(body, Loader=yaml.SafeLoader)
    return {"steps": len(spec.get("steps", [])), "same": json.dumps(spec) == json.dumps(other)}
