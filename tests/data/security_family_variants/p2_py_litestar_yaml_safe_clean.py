# clean: PY-UNSAFE-DESERIALIZATION
# path: app/controllers/pipelines.py
import yaml
from litestar import post
from litestar.exceptions import ValidationException


@post("/pipelines/validate")
async def validate_pipeline(request) -> dict:
    body = await request.body()
    try:
        spec = yaml.safe_load(body)
    except yaml.YAMLError as exc:
        raise ValidationException(str(exc)) from exc
    if not isinstance(spec, dict) or "steps" not in spec:
        raise ValidationException("pipeline needs steps")
    return {"steps": len(spec["steps"])}
