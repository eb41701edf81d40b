import hmac
import uuid

import redis

r = redis.Redis()
release_script = None


def run_job(job_id):
    lock_key = f"lock:job:{job_id}"
    if not r.set(lock_key, str(uuid.uuid4()), nx=True, ex=30):
        return
    try:
        do_work(job_id)
    finally:
        r.delete(lock_key)  # data-expect: PY-REDIS-LOCK-RELEASE


def sweep(name):
    if r.setnx("sweep-lock:" + name, 1):  # expect: PY-REDIS-LOCK-NO-EXPIRY
        work()
        r.delete("sweep-lock:" + name)  # a lock that never expires: only its holder can delete it


def mark(name):
    r.set("mark-lock:" + name, "x", nx=True)  # expect: PY-REDIS-LOCK-NO-EXPIRY


def mark_with_ttl(name):
    r.set("ttl-lock:" + name, "x", nx=True, px=5000)
    r.set("none-lock:" + name, "x", nx=True, ex=None)  # expect: PY-REDIS-LOCK-NO-EXPIRY


def expire_after(name):
    if r.setnx("later-lock:" + name, 1):
        r.expire("later-lock:" + name, 30)


def checked_release(lock, token):
    key = lock
    if r.set(key, token, nx=True, ex=60):
        try:
            work()
        finally:
            if hmac.compare_digest(r.get(key) or b"", token):
                r.delete(key)


def cache_entry(key2):
    r.set(key2, 1, ex=60)
    r.delete(key2)


def first_seen(doc_id):
    r.set(f"first-version:{doc_id}", 1, nx=True)
    r.setnx(f"paused:{doc_id}", 1)


def library_lock(name):
    with r.lock(name, timeout=10):
        work()


def work():
    return None


def do_work(job_id):
    return job_id
