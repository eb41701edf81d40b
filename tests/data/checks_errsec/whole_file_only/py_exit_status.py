import asyncio
import subprocess


async def transcode(source, target):
    proc = await asyncio.create_subprocess_exec("ffmpeg", "-i", source, target)  # expect: PY-SUBPROCESS-UNCHECKED
    _, stderr = await proc.communicate()
    return target


async def transcode_checked(source, target):
    proc = await asyncio.create_subprocess_exec("ffmpeg", "-i", source, target, stderr=asyncio.subprocess.PIPE)
    _, stderr = await proc.communicate()
    if proc.returncode:
        raise RuntimeError(stderr)
    return target


async def transcode_code(source, target):
    proc = await asyncio.create_subprocess_exec("ffmpeg", "-i", source, target)
    code = await proc.wait()
    return code == 0


def render(html, out):
    result = subprocess.run(["wkhtmltopdf", html, out], capture_output=True)  # expect: PY-SUBPROCESS-UNCHECKED
    log.info("rendered %s", out)
    return out


def probe_languages():
    result = subprocess.run(["tesseract", "--list-langs"], capture_output=True)
    return result.stdout.decode().split()


def render_chosen(html, out):
    result = subprocess.run(["wkhtmltopdf", html, out], capture_output=True, check=False)
    return result.stdout


def render_handed_on(html, out):
    result = subprocess.run(["wkhtmltopdf", html, out], capture_output=True)
    return result


def restore(dump):
    proc = subprocess.Popen(["pg_restore", dump])  # expect: PY-SUBPROCESS-UNCHECKED
    proc.wait()


def restore_checked(dump):
    proc = subprocess.Popen(["pg_restore", dump])
    if proc.wait() != 0:
        raise RuntimeError("pg_restore failed")


def render_with_deadline(html, out):
    proc = subprocess.Popen(["wkhtmltopdf", html, out])
    try:
        proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        raise
