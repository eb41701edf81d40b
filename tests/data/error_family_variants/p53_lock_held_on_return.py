# want: PY-LOCK-HELD-ON-RETURN
import threading

_lock = threading.Lock()
_cache = {}


def get_rate(currency):
    _lock.acquire()
    if currency in _cache:
        return _cache[currency]
    rate = fetch_rate(currency)
    _cache[currency] = rate
    _lock.release()
    return rate
