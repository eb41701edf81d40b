import asyncio
import subprocess

from celery import shared_task


def start_preview(path):
    proc = subprocess.Popen(["preview-server", path], stdout=subprocess.PIPE)  # expect: PY-PROCESS-NOT-REAPED
    return path


def notify(user, message):
    subprocess.Popen(["notify-send", user, message])  # expect: PY-PROCESS-NOT-REAPED


async def lint(code):
    proc = await asyncio.create_subprocess_exec("ruff", "-", stdin=subprocess.PIPE)  # expect: PY-PROCESS-NOT-REAPED
    proc.stdin.write(code)


def convert(src):
    proc = subprocess.Popen(["convert", src, "-"], stdout=subprocess.PIPE)
    out, _ = proc.communicate(timeout=30)
    return out


def keep(self, path):
    self.proc = subprocess.Popen(["server", path])


def daemon(path):
    proc = subprocess.Popen(["sender", path], start_new_session=True)
    proc.stdin.close()


@shared_task
def render_pdf(doc_id):
    subprocess.run(["wkhtmltopdf", str(doc_id), "out.pdf"], check=True)  # expect: PY-SUBPROCESS-NO-TIMEOUT
    return doc_id


@shared_task
def render_pdf_bounded(doc_id):
    subprocess.run(["wkhtmltopdf", str(doc_id), "out.pdf"], check=True, timeout=120)
    return doc_id


@app.route("/logo")
def logo():
    return subprocess.check_output(["convert", "logo.svg", "png:-"])  # expect: PY-SUBPROCESS-NO-TIMEOUT


def git_revision():
    return subprocess.check_output(["git", "rev-parse", "HEAD"], timeout=5)
