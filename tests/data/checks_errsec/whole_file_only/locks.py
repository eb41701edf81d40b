# Fixture for the check on locks left held by an early exit. `# expect: ID` marks the line a finding must land on
# (a finding spans from the acquire to the first exit that leaves the lock held, when they are close).
import asyncio
import threading

_lock = threading.Lock()
_slots = threading.BoundedSemaphore(4)
_cache: dict[str, str] = {}
_ready = asyncio.Lock()


def lookup(key: str) -> str | None:
    _lock.acquire()  # expect: PY-LOCK-HELD-ON-RETURN
    if key not in _cache:
        return None
    value = _cache[key]
    _lock.release()
    return value


def store(key: str, value: str) -> None:
    _slots.acquire()  # expect: PY-LOCK-HELD-ON-RETURN
    if not value:
        raise ValueError("empty value")
    try:
        value = value.strip()
        if value.startswith("#"):
            raise ValueError("comment")
    except ValueError:
        value = ""
    _cache[key] = value
    _slots.release()


def evict(key: str) -> bool:
    _lock.acquire()
    if key not in _cache:
        _lock.release()
        return False
    del _cache[key]
    _lock.release()
    return True


def rebuild(keys: list[str]) -> int:
    _lock.acquire()
    try:
        if not keys:
            return 0
        _cache.clear()
        return len(keys)
    finally:
        _lock.release()


def take() -> None:
    # hands the lock to the caller, who releases it
    _lock.acquire()
    if not _cache:
        _lock.release()
        raise LookupError("empty")


def sizes() -> list[int]:
    _lock.acquire()
    out = []
    for value in _cache.values():

        def measure(v: str) -> int:
            if not v:
                return 0
            return len(v)

        out.append(measure(value))
    _lock.release()
    return out


async def warm(keys: list[str]) -> None:
    await _ready.acquire()  # expect: PY-LOCK-HELD-ON-RETURN
    if not keys:
        return
    _cache.update({k: "" for k in keys})
    _ready.release()


def safe(key: str) -> str:
    with _lock:
        if key not in _cache:
            return ""
        return _cache[key]


def render_once(key: str) -> str:
    _lock.acquire()  # expect: PY-LOCK-HELD-ON-RETURN
    if key in _cache:
        return _cache[key]
    try:
        _cache[key] = key.upper()
    finally:
        _lock.release()
    return _cache[key]


def render_checked(key: str) -> str:
    _lock.acquire()
    try:
        if key in _cache:
            return _cache[key]
        _cache[key] = key.upper()
    finally:
        _lock.release()
    return _cache[key]
