# want: PY-WEAK-CIPHER
import os

from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

KEY = bytes.fromhex(os.environ["FIELD_KEY"])
IV = b"\x00" * 16


def encrypt_ssn(ssn: str) -> bytes:
    padder = padding.PKCS7(128).padder()
    data = padder.update(ssn.encode()) + padder.finalize()
    enc = Cipher(algorithms.AES(KEY), modes.CBC(IV)).encryptor()
    return enc.update(data) + enc.finalize()
