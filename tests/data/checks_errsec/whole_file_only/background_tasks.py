# Fixture for the Python check on tasks kept in a name nothing reads, which reads whole functions.
# `# expect: ID` marks the line a finding must land on.
import asyncio

running = set()


async def on_signup(user):
    welcome = asyncio.create_task(send_welcome(user))  # expect: PY-TASK-UNUSED
    audit: asyncio.Task = asyncio.get_running_loop().create_task(record(user))  # expect: PY-TASK-UNUSED
    return user.id


async def on_login(user):
    refresh = asyncio.create_task(refresh_profile(user))
    running.add(refresh)
    refresh.add_done_callback(running.discard)
    lookup = asyncio.ensure_future(fetch_settings(user))
    return await lookup


def start(loop, job):
    pending = loop.create_task(job())

    def stop():
        nonlocal_task = pending
        nonlocal_task.cancel()

    return stop


def restart(loop, job):
    worker = loop.create_task(job())  # expect: PY-TASK-UNUSED


__all__ = ["on_signup", "on_login", "start", "restart"]
