# clean: PY-FILE-LEAKED-ON-RETURN (the streamed response is a context manager)
import requests


def download_backup(url: str, dest: str) -> bool:
    with requests.get(url, stream=True, timeout=30) as resp:
        if resp.status_code != 200:
            return False
        with open(dest, "wb") as out:
            for chunk in resp.iter_content(chunk_size=65536):
                out.write(chunk)
    return True
