import logging
import requests

log = logging.getLogger(__name__)


def fetch(url):
    try:
        resp = requests.get(url, timeout=5)  # expect: PY-HTTP-STATUS-UNCHECKED
    except requests.RequestException as exc:  # expect: PY-EXCEPT-LOGGED-CONTINUES
        log.warning("fetch failed: %s", exc)
    return resp.json()


def load(path):
    config = None
    try:
        with open(path) as fh:
            config = json.load(fh)
    except OSError:  # expect: PY-EXCEPT-LOGGED-CONTINUES
        logger.exception("cannot read %s", path)
    return config["name"]


def fallback(path):
    rows = []
    try:
        rows = query(path)
    except DatabaseError:
        log.error("query failed")
    return len(rows)


def reraises(url):
    try:
        resp = get(url)
    except Exception:
        log.exception("x")
        raise
    return resp.json()


def guarded(url):
    try:
        resp = get(url)
    except Exception:
        log.exception("x")
    if resp is None:
        return None
    return resp.json()


def with_else(url):
    try:
        resp = get(url)
    except Exception:
        log.exception("x")
    else:
        return resp.json()
    return None


def reassigned(url):
    try:
        resp = get(url)
    except Exception:
        log.exception("x")
    resp = other()
    return resp.json()


def loop(items):
    for item in items:
        try:
            out = handle(item)
        except ValueError as err:  # expect: PY-EXCEPT-LOGGED-CONTINUES
            print(err)
        results.append(out)


def later_try(case):
    response = None
    try:
        message, blocks = build(case)
        if blocks:
            response = send(blocks)
    except LookupError as e:
        log.error("build failed: %s", e)
    ts = response.get("ts") if response else None
    try:
        message = build_again(case)
        send(message)
    except LookupError:
        log.error("again")
    return ts


def unbound_in_with(path):
    try:
        handle = open_store(path)
    except StoreError:  # expect: PY-EXCEPT-LOGGED-CONTINUES
        print("no store")
    with handle:
        pass
