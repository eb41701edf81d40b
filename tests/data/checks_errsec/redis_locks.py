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
    if r.setnx("sweep:" + name, 1):  # expect: PY-REDIS-LOCK-NO-EXPIRY
        work()
        r.delete("sweep:" + name)  # a lock that never expires: only its holder can delete it


def mark(name):
    r.set("mark:" + name, "x", nx=True)  # expect: PY-REDIS-LOCK-NO-EXPIRY


def mark_with_ttl(name):
    r.set("ttl:" + name, "x", nx=True, px=5000)
    r.set("none:" + name, "x", nx=True, ex=None)  # expect: PY-REDIS-LOCK-NO-EXPIRY


def expire_after(name):
    if r.setnx("later:" + name, 1):
        r.expire("later:" + name, 30)


def checked_release(key, token):
    if r.set(key, token, nx=True, ex=60):
        try:
            work()
        finally:
            if hmac.compare_digest(r.get(key) or b"", token):
                r.delete(key)


def cache_entry(key2):
    r.set(key2, 1, ex=60)
    r.delete(key2)


def library_lock(name):
    with r.lock(name, timeout=10):
        work()


def work():
    return None


def do_work(job_id):
    return job_id
