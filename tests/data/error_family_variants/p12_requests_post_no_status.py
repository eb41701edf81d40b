# want: PY-HTTP-STATUS-UNCHECKED
import requests


def create_ticket(summary):
    r = requests.post(f"{JIRA}/rest/api/2/issue", json={"fields": {"summary": summary}}, timeout=10)
    data = r.json()
    return data["key"]
