# want: PY-SSRF
import json
import urllib.request


def handler(event, _context):
    params = event.get("queryStringParameters") or {}
    feed_url = params["feed"]
    with urllib.request.urlopen(feed_url, timeout=5) as resp:
        body = resp.read()
    return {"statusCode": 200, "body": json.dumps({"size": len(body)})}
