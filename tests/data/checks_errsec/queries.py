"""Fixture for persona-review security checks (Python)."""
import hashlib
import os
import pickle
import ssl
import subprocess

import jwt
import paramiko
import requests
import yaml
from django.views.decorators.csrf import csrf_exempt


def find_user(cursor, name):
    cursor.execute(f"SELECT * FROM users WHERE name = '{name}'")  # expect: PY-SQL-STRING
    cursor.execute("SELECT * FROM users WHERE name = %s", (name,))


def find_orders(cursor, customer):
    query = "SELECT id FROM orders WHERE customer = '%s'" % customer  # expect: PY-SQL-STRING
    cursor.execute(query)  # expect: PY-SQL-STRING


def static_query(cursor):
    query = "SELECT id FROM orders WHERE status = 'open'"
    cursor.execute(query)
    message = "Select a file from {}".format(folder)
    return message


def shell(host):
    os.system("ping -c 1 " + host)  # expect: PY-SHELL-INJECTION
    subprocess.run(f"ls {host}", shell=True)  # expect: PY-SHELL-INJECTION, PY-SUBPROCESS-UNCHECKED
    subprocess.run("ls -la", shell=True)  # expect: PY-SHELL-CONSTANT, PY-SUBPROCESS-UNCHECKED
    subprocess.run(["ls", host], check=True)


def remote(client: paramiko.SSHClient, name):
    client.exec_command("tail -n 100 /var/log/" + name)  # expect: PY-SSH-EXEC-COMMAND
    client.set_missing_host_key_policy(paramiko.AutoAddPolicy())  # expect: PY-TLS-VERIFY-OFF
    client.set_missing_host_key_policy(paramiko.RejectPolicy())


def load(blob, text, stream):
    data = pickle.loads(blob)  # expect: PY-UNSAFE-DESERIALIZATION
    config = yaml.load(text)  # expect: PY-UNSAFE-DESERIALIZATION
    safe = yaml.load(stream, Loader=yaml.SafeLoader)
    also_safe = yaml.safe_load(text)
    return data, config, safe, also_safe


def fetch(url):
    requests.get(url, verify=False, timeout=5)  # expect: PY-TLS-VERIFY-OFF
    requests.get(url, verify="/etc/ssl/internal-ca.pem", timeout=5)
    return ssl._create_unverified_context()  # expect: PY-TLS-VERIFY-OFF


def digests(password, payload):
    weak = hashlib.md5(password.encode()).hexdigest()  # expect: PY-WEAK-HASH
    etag = hashlib.md5(payload, usedforsecurity=False).hexdigest()
    strong = hashlib.sha256(payload).hexdigest()
    return weak, etag, strong


def tokens(token, key):
    claims = jwt.decode(token, options={"verify_signature": False})  # expect: PY-JWT-UNVERIFIED
    verified = jwt.decode(token, key, algorithms=["RS256"])
    return claims, verified


@csrf_exempt  # expect: PY-CSRF-DISABLED
def email_settings(request):
    return request.user.email


@csrf_exempt
def webhook(request):
    return None


def configure(app):
    app.config["DEBUG"] = True  # expect: PY-DEBUG-CONFIG
    app.config["DEBUG"] = os.environ.get("FLASK_DEBUG") == "1"
    app.config["WTF_CSRF_ENABLED"] = False  # expect: PY-CSRF-DISABLED


DB_PASSWORD = "hunter2-prod"  # expect: ANY-HARDCODED-PASSWORD
PASSWORD_FIELD = "password"
PASSWORD_MIN_LENGTH = "12"
db_password = os.environ["DB_PASSWORD"]
AWS_KEY = "AKIAQWERTYUIOPASDFGH"  # expect: ANY-SECRET-KEY
TOKEN = jwt.encode({"sub": "1"}, "my-signing-secret", algorithm="HS256")  # expect: ANY-HARDCODED-SIGNING-KEY
EXAMPLE = "AKIAIOSFODNN7EXAMPLE"

app.add_middleware(
    CORSMiddleware,
    allow_origins=["*"],  # expect: ANY-CORS-ANY-ORIGIN-CREDENTIALS
    allow_credentials=True,
)
app.add_middleware(CORSMiddleware, allow_origins=["https://app.example.com"], allow_credentials=True)
