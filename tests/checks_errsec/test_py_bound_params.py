"""PY-SQL-STRING reads only a query call's SQL text: text built in its bound `params=` is a value. The
python flow reads `if not inside(x) or other: raise` as a containment check of `x` for what follows."""

from __future__ import annotations

from .helpers import findings_of

VIEW = """\
def bin_search(request):
    code = request.GET.get("code", "")
    qs = Bin.objects.all()
{line}
    return qs
"""


def _rules(line: str) -> set[tuple[int, str]]:
    return findings_of("inventory/views.py", VIEW.format(line=line))


def test_text_built_in_params_is_a_bound_value() -> None:
    assert _rules('    qs = qs.extra(where=["lower(code) LIKE %s"], params=[code.lower() + "%"])') == set()
    assert _rules('    qs = Bin.objects.raw("SELECT * FROM bins WHERE code LIKE %s", params=[code + "%"])') == set()


def test_text_built_in_the_where_clause_is_still_sql() -> None:
    assert (4, "PY-SQL-STRING") in _rules("    qs = qs.extra(where=[\"lower(code) LIKE '%s'\" % code])")


DOWNLOAD = """\
from pathlib import Path
from fastapi import APIRouter, HTTPException
from fastapi.responses import FileResponse

router = APIRouter()


@router.get("/files/{{name}}")
def download(name: str):
    base = Path("/srv/files").resolve()
    path = (base / name).resolve()
    if {test}:
        raise HTTPException(status_code=404)
    return FileResponse(path)
"""


def _path_rules(test: str) -> set[tuple[int, str]]:
    found = findings_of("app/routers/files.py", DOWNLOAD.format(test=test))
    return {(line, rule) for line, rule in found if rule == "PY-PATH-TRAVERSAL"}


def test_a_failed_containment_check_ored_with_others_guards_what_follows() -> None:
    assert _path_rules('not path.is_relative_to(base) or path.suffix != ".pdf"') == set()


def test_a_containment_check_anded_with_another_test_does_not() -> None:
    assert _path_rules('not path.is_relative_to(base) and path.suffix != ".pdf"') != set()
