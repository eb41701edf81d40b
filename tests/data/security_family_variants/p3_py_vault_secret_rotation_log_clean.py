# clean: PY-SECRET-IN-LOG
import logging

import hvac

log = logging.getLogger("secrets")


def rotate_db_password(client: hvac.Client, path: str) -> str:
    secret = client.secrets.kv.v2.read_secret_version(path=path)
    password = secret["data"]["data"]["password"]
    version = secret["data"]["metadata"]["version"]
    log.info("database credential rotated", extra={"path": path, "version": version, "length": len(password)})
    return password
