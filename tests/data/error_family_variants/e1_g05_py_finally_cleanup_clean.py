# clean: PY-FINALLY-EXIT (the loop exits after the try, not from inside finally)
import logging

log = logging.getLogger(__name__)


def drain(queue, handler) -> int:
    handled = 0
    while True:
        item = queue.get()
        try:
            handler(item)
            handled += 1
        finally:
            queue.task_done()
        if queue.empty():
            break
    return handled
