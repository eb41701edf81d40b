"""Python's asyncio shell runner and SQLAlchemy's `literal_column`: `asyncio.create_subprocess_shell` is a
shell like `os.system` (PY-SHELL-INJECTION), and request data in `literal_column(...)` is SQL text
(PY-SQL-INPUT); each with quiet look-alikes. The async HTTP clients (httpx, aiohttp, urllib3) are pinned
as PY-SSRF sinks."""

from __future__ import annotations

import pytest

from .helpers import findings_for_snippet

_VIEW = '''import asyncio

import aiohttp
import httpx
import urllib3
from fastapi import FastAPI
from sqlalchemy import literal_column, select, text

app = FastAPI()
TOOL = "convert"


@app.get("/items")
async def items(value: str, session):
    BODY
'''


def _rules(body: str) -> set[str]:
    return findings_for_snippet("app/api.py", _VIEW.replace("BODY", body))


@pytest.mark.parametrize("body", [
    "await asyncio.create_subprocess_shell(value)",
    'await asyncio.create_subprocess_shell(f"convert {value} out.png")',
    'await asyncio.create_subprocess_shell("convert " + value)',
])
def test_asyncio_shell_with_a_variable_is_reported(body: str) -> None:
    assert "PY-SHELL-INJECTION" in _rules(body)


@pytest.mark.parametrize(("body", "constant"), [
    ('await asyncio.create_subprocess_exec("convert", value, "out.png")', False),
    ('await asyncio.create_subprocess_shell("ls -la /srv/reports")', True),
    ('await asyncio.create_subprocess_shell(f"{TOOL} -version")', True),
])
def test_asyncio_exec_or_constant_shell_is_not_injection(body: str, constant: bool) -> None:
    """A constant shell command gets the low-severity advice `os.system("...")` gets, not injection."""
    found = _rules(body)
    assert "PY-SHELL-INJECTION" not in found
    assert ("PY-SHELL-CONSTANT" in found) is constant


@pytest.mark.parametrize(("body", "flagged"), [
    ("return session.execute(select(literal_column(value))).all()", True),
    ('return session.execute(select(literal_column(f"price * {value}"))).all()', True),
    ('return session.execute(select(literal_column("price * 2"))).all()', False),
    ('return session.execute(text("SELECT * FROM items WHERE name = :n"), {"n": value}).all()', False),
])
def test_literal_column_with_request_data(body: str, flagged: bool) -> None:
    assert ("PY-SQL-INPUT" in _rules(body)) is flagged


@pytest.mark.parametrize(("body", "flagged"), [
    ("async with httpx.AsyncClient() as client:\n        return (await client.get(value)).text", True),
    ("async with aiohttp.ClientSession() as s:\n        return await (await s.get(value)).text()", True),
    ('return urllib3.request("GET", value).data', True),
    ("async with httpx.AsyncClient() as client:\n"
     '        return (await client.get(f"https://api.example.com/items/{value}")).text', False),
])
def test_async_http_clients(body: str, flagged: bool) -> None:
    assert ("PY-SSRF" in _rules(body)) is flagged
