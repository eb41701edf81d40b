"""A timeout finding names the outbound call, not a wrapper written around it on the same line."""

from __future__ import annotations

import pytest

from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text


@pytest.mark.parametrize(("path", "text", "named"), [
    ("svc/rates.py",
     "import asyncio\nimport requests\n\n\nasync def rates(url):\n"
     "    return await asyncio.to_thread(lambda: requests.get(url))\n",
     "`requests.get`"),
    ("svc/rates.py",
     "import requests\n\n\ndef rates(url):\n    return wrap(requests.post(url, json={}))\n",
     "`requests.post`"),
    ("svc/rates.py",
     "import requests\n\n\ndef rates(url):\n    return requests.get(url)\n",
     "`requests.get`"),
])
def test_the_title_names_the_http_call(path: str, text: str, named: str) -> None:
    (finding,) = [f for f in run_checks([context_for_text(path, text)]).findings
                  if f.rule_id == "PY-HTTP-NO-TIMEOUT"]
    assert finding.title == f"{named} has no timeout"
