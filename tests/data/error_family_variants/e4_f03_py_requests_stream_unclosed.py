# want: PY-FILE-LEAKED-ON-RETURN
import requests


def download_backup(url: str, dest: str) -> bool:
    resp = requests.get(url, stream=True, timeout=30)
    if resp.status_code != 200:
        return False
    with open(dest, "wb") as out:
        for chunk in resp.iter_content(chunk_size=65536):
            out.write(chunk)
    resp.close()
    return True
