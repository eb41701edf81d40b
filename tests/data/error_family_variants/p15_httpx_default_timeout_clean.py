# clean: PY-HTTP-NO-TIMEOUT
import httpx


def fetch_profile(user_id):
    resp = httpx.get(f"{PROFILE_API}/users/{user_id}")
    resp.raise_for_status()
    return resp.json()
