# want: PY-LOCK-HELD-ON-RETURN
import threading

_slots = threading.BoundedSemaphore(4)


def render(job):
    _slots.acquire()
    if job.cancelled:
        return None
    result = renderer.render(job.template, job.data)
    _slots.release()
    return result
