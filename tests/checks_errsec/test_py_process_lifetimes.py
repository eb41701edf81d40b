"""PY-PROCESS-NOT-REAPED and PY-SUBPROCESS-NO-TIMEOUT: child processes a Python service starts and loses."""

from __future__ import annotations

import pytest

from persona_review.checks.base import FileContext
from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text

REAP = "PY-PROCESS-NOT-REAPED"
TIMEOUT = "PY-SUBPROCESS-NO-TIMEOUT"


def _lines(text: str, rule: str, path: str = "app/media/convert.py") -> list[int]:
    return sorted(f.line or 0 for f in run_checks([context_for_text(path, text)]).findings if f.rule_id == rule)


def _hunk_lines(text: str, rule: str, first: int, path: str = "app/media/convert.py") -> list[int]:
    lines = {first + i: line for i, line in enumerate(text.splitlines())}
    ctx = FileContext(path, "python", lines, frozenset(lines), whole_file=False)
    return sorted(f.line or 0 for f in run_checks([ctx]).findings if f.rule_id == rule)


_PREVIEW = """import subprocess


def start_preview(path: str) -> int:
    proc = subprocess.Popen(["preview-server", path], stdout=subprocess.PIPE)%s
    log.info("preview started for %%s", path)
    return 0
"""


def test_a_popen_never_waited_for_is_reported() -> None:
    assert _lines(_PREVIEW % "", REAP) == [5]


def test_a_popen_whose_result_is_dropped_is_reported() -> None:
    text = """from subprocess import Popen


def notify(user, message):
    Popen(["notify-send", user.name, message])
"""
    assert _lines(text, REAP) == [5]


def test_an_asyncio_subprocess_never_awaited_is_reported() -> None:
    text = """import asyncio


async def lint(code: bytes) -> None:
    proc = await asyncio.create_subprocess_exec("ruff", "check", "-", stdin=asyncio.subprocess.PIPE)
    proc.stdin.write(code)
    proc.stdin.close()
"""
    assert _lines(text, REAP) == [5]


def test_a_hunk_with_the_whole_method_is_reported() -> None:
    hunk = """    def export(self, job):
        out = open(job.path, "wb")
        p = subprocess.Popen(["pg_dump", job.dsn], stdout=out)
        job.mark_started()

    def cancel(self, job):
"""
    assert _hunk_lines(hunk, REAP, 30) == [32]


def test_a_hunk_that_cuts_the_function_is_left_alone() -> None:
    """The lines below the hunk may wait for the child (or return it): only the whole file can tell."""
    hunk = """    def export(self, job):
        out = open(job.path, "wb")
        p = subprocess.Popen(["pg_dump", job.dsn], stdout=out)
        job.mark_started()
"""
    assert _hunk_lines(hunk, REAP, 30) == []


@pytest.mark.parametrize("extra", [
    "\n    proc.wait()",
    "\n    out, _ = proc.communicate(timeout=30)",
    "\n    while proc.poll() is None:\n        time.sleep(1)",
    "\n    self.children.append(proc)",
    "\n    self.proc = proc",
    "\n    PROCESSES[path] = proc",
    "\n    return proc",
    "\n    atexit.register(proc.kill)\n    watch(proc)",
])
def test_a_popen_waited_for_or_handed_on_is_left_alone(extra: str) -> None:
    assert _lines(_PREVIEW % extra, REAP) == []


def test_popen_as_a_context_manager_or_kept_on_self_is_left_alone() -> None:
    text = """import subprocess


def convert(src):
    with subprocess.Popen(["convert", src, "-"], stdout=subprocess.PIPE) as proc:
        return proc.stdout.read()


class Server:
    def start(self):
        self.proc = subprocess.Popen(["server"])
"""
    assert _lines(text, REAP) == []


_TASK = """import subprocess
from celery import shared_task


@shared_task(bind=True, max_retries=3)
def render_pdf(self, doc_id):
    path = f"/tmp/{doc_id}.pdf"
    %s
    return path
"""


@pytest.mark.parametrize("call", [
    'subprocess.run(["wkhtmltopdf", url_for(doc_id), path], check=True)',
    'subprocess.check_call(["wkhtmltopdf", url_for(doc_id), path])',
    'output = subprocess.check_output(["pdfinfo", path], text=True)',
])
def test_a_celery_task_running_a_command_without_timeout_is_reported(call: str) -> None:
    assert _lines(_TASK % call, TIMEOUT, "app/tasks.py") == [8]


def test_views_running_commands_without_timeout_are_reported() -> None:
    text = """from subprocess import run as run_command

from flask import request


@bp.route("/convert", methods=["POST"])
def convert():
    done = run_command(["pandoc", "-f", "markdown", DRAFT_PATH], capture_output=True)
    return done.stdout


def export(request, pk):
    data = subprocess.check_output(["pg_dump", "-t", "reports"])
    return HttpResponse(data)


@router.post("/thumbnails")
async def thumbnail():
    subprocess.run(["convert", settings.LOGO, "-resize", "200x", THUMB], check=True)
"""
    assert _lines(text, TIMEOUT, "app/views.py") == [8, 13, 19]


@pytest.mark.parametrize("call", [
    'subprocess.run(["wkhtmltopdf", url_for(doc_id), path], check=True, timeout=120)',
    'subprocess.run(["wkhtmltopdf", url_for(doc_id), path], **RUN_OPTIONS)',
    'subprocess.Popen(["wkhtmltopdf", path]).wait(timeout=60)',
])
def test_a_task_with_a_timeout_is_left_alone(call: str) -> None:
    assert _lines(_TASK % call, TIMEOUT, "app/tasks.py") == []


def test_commands_outside_views_and_tasks_are_left_alone() -> None:
    text = """import subprocess


def git_revision():
    return subprocess.check_output(["git", "rev-parse", "HEAD"], text=True).strip()


class Command(BaseCommand):
    def handle(self, *args, **options):
        subprocess.run(["pg_dump", "-f", options["out"]], check=True)
"""
    assert _lines(text, TIMEOUT, "app/management/commands/dump.py") == []


def test_a_detached_daemon_is_left_alone() -> None:
    text = """import subprocess


def send_analytics(payload: bytes) -> None:
    proc = subprocess.Popen([sys.executable, "send.py"], stdin=subprocess.PIPE, start_new_session=True)
    proc.stdin.write(payload)
    proc.stdin.close()
"""
    assert _lines(text, REAP) == []


def test_invoke_tasks_run_by_hand_are_left_alone() -> None:
    text = """import subprocess

from invoke import task


@task
def build_docs(c):
    subprocess.run(["mkdocs", "build"], check=True)
"""
    assert _lines(text, TIMEOUT, "tasks.py") == []


def test_a_shell_line_built_from_data_is_left_to_the_injection_check() -> None:
    text = _TASK % 'subprocess.run(f"wkhtmltopdf {url_for(doc_id)} {path}", shell=True, check=True)'
    found = {f.rule_id for f in run_checks([context_for_text("app/tasks.py", text)]).findings}
    assert TIMEOUT not in found
    assert _lines(_TASK % 'subprocess.run("wkhtmltopdf --version", shell=True, check=True)', TIMEOUT,
                  "app/tasks.py") == [8]


def test_a_command_built_from_the_request_is_left_to_the_injection_checks() -> None:
    text = """import subprocess

from flask import request


@app.route("/convert")
def convert():
    subprocess.run([request.form["tool"], "--in", "upload.png"], check=True)
    subprocess.run(["convert", request.form["name"], "out.png"], check=True)
    subprocess.run(["convert", "logo.png", "out.png"], check=True)
    return "ok"
"""
    assert _lines(text, TIMEOUT, "app/views.py") == [10]
