import requests
import httpx as hx


def order(order_id):
    resp = requests.get(f"{BASE}/orders/{order_id}", timeout=5)  # expect: PY-HTTP-STATUS-UNCHECKED
    return resp.json()["items"]


async def user(client, uid):
    r = await client.get(f"/users/{uid}")  # expect: PY-HTTP-STATUS-UNCHECKED
    return r.json()


def checked(order_id):
    resp = requests.get(URL, timeout=5)
    resp.raise_for_status()
    return resp.json()


def status(order_id):
    resp = hx.post(URL, json={})
    if resp.status_code != 200:
        raise RuntimeError(resp.text)
    return resp.json()


def truthy():
    resp = requests.get(URL, timeout=5)
    if not resp:
        return None
    return resp.json()


def helper():
    resp = requests.get(URL, timeout=5)
    _check(resp)
    return resp.json()



def guarded_parse(url):
    r = requests.get(url, timeout=5)
    try:
        return r.json()["data"]
    except (ValueError, KeyError):
        return None


async def verify(client, token):
    response = await client.post("/siteverify", data={"response": token})
    result = response.json()
    if result.get("success") is not True:
        raise PermissionError("not verified")


def two_calls(url, body):
    r = requests.get(url, timeout=5)  # expect: PY-HTTP-STATUS-UNCHECKED
    first = r.json()
    r = requests.post(url, json=body, timeout=5)
    return first, r.json()
