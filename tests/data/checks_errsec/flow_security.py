"""Fixture for the data-flow security checks (written for persona-review). `# expect: ID` marks a finding."""
import hmac
import logging
import os
import random
import secrets
import subprocess
from pathlib import Path

import ldap
import requests
from Crypto.Cipher import AES, DES
from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from fastapi import APIRouter, Depends
from flask import Flask, Markup, redirect, render_template_string, request, send_file, send_from_directory, session
from lxml import etree
from werkzeug.utils import secure_filename

app = Flask(__name__)
router = APIRouter()
log = logging.getLogger(__name__)
UPLOADS = Path("/srv/uploads")
ALLOWED_REPORTS = {"daily.csv", "weekly.csv"}
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-secret-change-me")  # expect: PY-SECRET-FALLBACK
SIGNING_SECRET = os.getenv("SIGNING_SECRET") or "insecure-default"  # expect: PY-SECRET-FALLBACK
DATABASE_URL = os.environ.get("DATABASE_URL", "postgres://localhost/app")
API_TOKEN = os.environ["API_TOKEN"]
SESSION_COOKIE_SECURE = False  # expect: PY-COOKIE-INSECURE
SESSION_COOKIE_HTTPONLY = True


@app.route("/download")
def download():
    name = request.args.get("name")
    return send_file(os.path.join("/srv/reports", name))  # expect: PY-PATH-TRAVERSAL


@app.route("/download-safe")
def download_safe():
    name = secure_filename(request.args["name"])
    return send_file(os.path.join("/srv/reports", name))


@app.route("/download-listed")
def download_listed():
    name = request.args["name"]
    if name not in ALLOWED_REPORTS:
        return "no", 404
    return send_file(os.path.join("/srv/reports", name))


@app.route("/files/<path:filename>")
def serve(filename):
    return send_from_directory(UPLOADS, filename)


@app.route("/count/<int:page>")
def count(page):
    with open(f"/srv/pages/{int(page)}.txt") as fh:
        return fh.read()


@app.route("/fetch")
def fetch():
    target = request.args["url"]
    return requests.get(target, timeout=5).text  # expect: PY-SSRF


@app.route("/avatar")
def avatar():
    user = request.args["user"]
    return requests.get(f"https://avatars.example.com/u/{user}", timeout=5).content


@app.route("/proxy")
def proxy():
    host = request.headers.get("X-Upstream")
    return requests.post("http://" + host + "/api", json={}, timeout=5).text  # expect: PY-SSRF


@app.route("/login")
def login():
    nxt = request.args.get("next", "/")
    return redirect(nxt)  # expect: PY-OPEN-REDIRECT


@app.route("/login-checked")
def login_checked():
    nxt = request.args.get("next", "/")
    if not url_has_allowed_host_and_scheme(nxt, allowed_hosts={"app.example.com"}):
        nxt = "/"
    return redirect(nxt)


@app.route("/orders/<order_id>/view")
def view_order(order_id):
    return redirect(f"/orders/{order_id}")


def django_back(request):
    return HttpResponseRedirect(request.GET["back"])  # expect: PY-OPEN-REDIRECT


@app.route("/calc")
def calc():
    expr = request.args["expr"]
    return str(eval(expr))  # expect: PY-CODE-INJECTION


@app.route("/hello")
def hello():
    name = request.args.get("name", "")
    page = render_template_string("<h1>Hello " + name + "</h1>")  # expect: PY-TEMPLATE-INJECTION
    return page + Markup(request.args["footer"])  # expect: PY-TEMPLATE-INJECTION


@app.route("/hello-safe")
def hello_safe():
    return render_template_string("<h1>Hello {{ name }}</h1>", name=request.args.get("name", ""))


@app.route("/people")
def people():
    uid = request.args["uid"]
    conn = ldap.initialize("ldap://directory")
    return conn.search_s("dc=example,dc=com", ldap.SCOPE_SUBTREE, f"(uid={uid})")  # expect: PY-LDAP-INJECTION


@app.route("/people-safe")
def people_safe():
    uid = ldap.filter.escape_filter_chars(request.args["uid"])
    conn = ldap.initialize("ldap://directory")
    return conn.search_s("dc=example,dc=com", ldap.SCOPE_SUBTREE, f"(uid={uid})")


@app.route("/catalog")
def catalog():
    tree = etree.parse("catalog.xml")
    name = request.args["name"]
    bad = tree.xpath("//item[@name='" + name + "']")  # expect: PY-XPATH-INJECTION
    good = tree.xpath("//item[@name=$name]", name=name)
    return str(bad + good)


parser = etree.XMLParser(resolve_entities=True)  # expect: PY-XXE
quiet_parser = etree.XMLParser(resolve_entities=False)


@app.route("/prefs", methods=["POST"])
def prefs():
    session["role"] = request.form["role"]  # expect: PY-SESSION-TRUST
    session["theme_id"] = int(request.form["theme"])  # expect: PY-REQUEST-PARSE-UNGUARDED
    return "ok"


def new_reset_token():
    token = "".join(random.choice("abcdef0123456789") for _ in range(32))  # expect: PY-INSECURE-RANDOM
    return token


def generate_api_key():
    return hex(random.getrandbits(128))  # expect: PY-INSECURE-RANDOM


def jitter():
    delay = random.uniform(0.1, 0.5)
    return delay


def safe_token():
    return secrets.token_urlsafe(32)


def verify_webhook(body, signature):
    expected_signature = hmac.new(SIGNING_SECRET.encode(), body, "sha256").hexdigest()
    if signature != expected_signature:  # expect: PY-TIMING-COMPARE
        raise PermissionError("bad signature")
    if not hmac.compare_digest(signature, expected_signature):
        raise PermissionError("bad signature")
    return len(signature) == 64


def check_api_key(headers):
    return headers["X-Api-Key"] == API_TOKEN  # expect: PY-TIMING-COMPARE


def same_user(token_owner_id, user_id):
    return token_owner_id == user_id


def log_login(user, password, token):
    log.info("login for %s", user.email)
    log.debug("login attempt %s with password %s", user.email, password)  # expect: PY-SECRET-IN-LOG
    log.info(f"issued token {token}")  # expect: PY-SECRET-IN-LOG
    log.info("token expires in %s", user.token_expires_at)


def set_session(response, sid):
    response.set_cookie("session_id", sid)  # expect: PY-COOKIE-INSECURE
    response.set_cookie("session_id", sid, secure=True, httponly=True, samesite="Lax")
    response.set_cookie("theme", "dark")  # expect: PY-COOKIE-INSECURE


def encrypt(key, data):
    legacy = DES.new(key, DES.MODE_CBC)  # expect: PY-WEAK-CIPHER
    ecb = AES.new(key, AES.MODE_ECB)  # expect: PY-WEAK-CIPHER
    gcm = AES.new(key, AES.MODE_GCM)
    return legacy, ecb, gcm.encrypt(data)


@app.route("/report")
def report(db):
    sql = request.args["q"]
    rows = db.execute(sql)  # expect: PY-SQL-INPUT
    by_id = db.execute("SELECT * FROM reports WHERE id = %s", (request.args["id"],))
    return str(rows) + str(by_id)


@app.route("/convert")
def convert():
    tool = request.form["tool"]
    subprocess.run([tool, "--in", "upload.png"], check=True)  # expect: PY-COMMAND-INPUT
    subprocess.run(["convert", request.form["name"], "out.png"], check=True)
    return "ok"


@app.route("/mirror")
def mirror():
    with requests.Session() as http:
        return http.get(request.args["src"], timeout=5).text  # expect: PY-SSRF


def debug_login(user, password):
    print("login", user, password)  # expect: PY-SECRET-IN-LOG
    print("login", user)
