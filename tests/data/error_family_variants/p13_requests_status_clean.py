# clean: PY-HTTP-STATUS-UNCHECKED
import requests


def create_ticket(summary):
    r = requests.post(f"{JIRA}/rest/api/2/issue", json={"fields": {"summary": summary}}, timeout=10)
    r.raise_for_status()
    return r.json()["key"]
