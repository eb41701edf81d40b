# clean: PY-TEMPFILE-LEAKED-ON-ERROR
import tempfile


def download_to_temp(client, key):
    tmp = tempfile.NamedTemporaryFile(suffix=".bin", delete=False)
    client.download_fileobj("bucket", key, tmp)
    tmp.close()
    return tmp.name
