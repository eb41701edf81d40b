# clean: PY-SSRF
import json
import urllib.parse
import urllib.request


def handler(event, _context):
    params = event.get("queryStringParameters") or {}
    feed = urllib.parse.quote(params["feed"], safe="")
    with urllib.request.urlopen(f"https://feeds.example.com/v1/{feed}", timeout=5) as resp:
        body = resp.read()
    return {"statusCode": 200, "body": json.dumps({"size": len(body)})}
