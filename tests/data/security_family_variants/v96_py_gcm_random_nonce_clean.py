# clean: PY-WEAK-CIPHER
import os

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

KEY = bytes.fromhex(os.environ["FIELD_KEY"])


def encrypt_ssn(ssn: str) -> bytes:
    nonce = os.urandom(12)
    return nonce + AESGCM(KEY).encrypt(nonce, ssn.encode(), None)
