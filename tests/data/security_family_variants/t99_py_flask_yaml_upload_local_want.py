# want: PY-UNSAFE-DESERIALIZATION
import yaml
from flask import Blueprint, jsonify, request

from app.pipelines import save_pipeline

bp = Blueprint("pipelines", __name__)


@bp.post("/pipelines/import")
def import_pipeline():
    upload = request.files["definition"]
    text = upload.read().decode("utf-8")
    definition = yaml.load(text, Loader=yaml.Loader)
    pipeline = save_pipeline(definition)
    return jsonify({"id": pipeline.id}), 201
