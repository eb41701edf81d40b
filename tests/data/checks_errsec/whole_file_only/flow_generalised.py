"""Request data and predictable values in places the first checks did not look (written for these tests)."""
import random
import string

from flask import Flask, make_response, request, session

app = Flask(__name__)


@app.route("/prefs")
def prefs():
    response = make_response("ok")
    response.set_cookie("theme", request.args.get("theme", "light"), secure=False)  # expect: PY-COOKIE-INSECURE
    response.set_cookie("layout", "wide", httponly=False)  # expect: PY-COOKIE-INSECURE
    response.set_cookie("layout", "wide", secure=True, httponly=True)
    response.set_cookie("layout", "narrow")  # expect: PY-COOKIE-INSECURE
    response.set_cookie("lang", "en", secure=None)  # expect: PY-COOKIE-INSECURE
    return response


@app.route("/pick", methods=["POST"])
def pick():
    field = request.form["field"]
    session[field] = "chosen"  # expect: PY-SESSION-TRUST
    session["field_count"] = len(field)
    allowed = {"colour", "size"}
    if field in allowed:
        session[field] = "chosen"
    return "ok"


@app.route("/remember")
def remember():
    number = random.getrandbits(64)
    remember_me = str(number)[2:]
    response = make_response("welcome")
    response.set_cookie("rememberMe", remember_me, secure=True, httponly=True)  # expect: PY-INSECURE-RANDOM
    session["login_nonce"] = remember_me  # expect: PY-INSECURE-RANDOM
    roll = random.randint(1, 6)
    session["last_roll"] = roll
    response.set_cookie("dice", str(roll), secure=True, httponly=True)
    number = 42
    response.set_cookie("remember_key", str(number), secure=True, httponly=True)
    return response


@app.route("/token")
def token():
    session_token = "".join(random.choices("abcdef0123456789", k=32))  # expect: PY-INSECURE-RANDOM
    response = make_response("ok")
    response.set_cookie("auth_token", session_token, secure=True, httponly=True)
    return response


@app.route("/files/either")
def either_branch():
    name = request.args.get("name", "")
    if request.args.get("mode") == "raw":
        target = name
    else:
        target = "index.txt"
    return open(target).read()  # expect: PY-PATH-TRAVERSAL


@app.route("/files/maybe-reset")
def maybe_reset():
    target = request.args.get("name", "")
    if request.args.get("reset"):
        target = "index.txt"
    return open(target).read()  # expect: PY-PATH-TRAVERSAL


@app.route("/files/constant-test")
def constant_test():
    name = request.args.get("name", "")
    limit = 106
    if (7 * 42) - limit < 200:
        target = "index.txt"
    else:
        target = name
    opened = open(target).read()
    chosen = "index.txt" if (7 * 18) + limit > 200 else name
    return opened + open(chosen).read()


@app.route("/files/constant-test-taken")
def constant_test_taken():
    name = request.args.get("name", "")
    limit = 86
    if (7 * 42) - limit > 200:
        target = name
    else:
        target = "index.txt"
    chosen = name if "ABC"[1] == "B" else "index.txt"
    opened = open(target).read()  # expect: PY-PATH-TRAVERSAL
    return opened + open(chosen).read()  # expect: PY-PATH-TRAVERSAL


@app.route("/files/keyed")
def keyed():
    name = request.args.get("name", "")
    names = {}
    names["keyA"] = "index.txt"
    names["keyB"] = name
    safe = names["keyA"]
    also_safe = names.get("keyA")
    opened = open(safe).read() + open(also_safe).read()
    return opened + open(names["keyB"]).read()  # expect: PY-PATH-TRAVERSAL


@app.route("/files/listed")
def listed():
    parts = ["index.txt"]
    parts.append(request.args.get("name", ""))
    opened = open(parts[-1]).read()  # expect: PY-PATH-TRAVERSAL
    fixed = ["index.txt"]
    fixed.append("about.txt")
    return opened + open(fixed[-1]).read()


@app.route("/go/replaced")
def go_replaced():
    from urllib.parse import urlparse

    from flask import redirect

    target = request.args.get("next")
    if not target or urlparse(target).netloc != "":
        target = "/"
    return redirect(target)


@app.route("/go/defaulted")
def go_defaulted():
    from flask import redirect

    target = request.args.get("next")
    if not target:
        target = "/"
    return redirect(target)  # expect: PY-OPEN-REDIRECT


@app.route("/go/keyword-check")
def go_keyword_check():
    from django.utils.http import url_has_allowed_host_and_scheme
    from flask import redirect

    target = request.args.get("next")
    if not url_has_allowed_host_and_scheme(url=target, allowed_hosts={"example.org"}):
        target = "/"
    return redirect(target)


@app.route("/hello")
def hello():
    name = request.args.get("name", "")
    page = "<p>Hello " + name + "</p>"
    return page  # expect: PY-XSS


@app.route("/hello/status")
def hello_status():
    name = request.args.get("name", "")
    return f"<p>Hello {name}</p>", 200  # expect: PY-XSS


@app.route("/hello/response")
def hello_response():
    name = request.cookies.get("name", "")
    return make_response(f"<p>Hello {name}</p>")  # expect: PY-XSS


@app.route("/hello/escaped")
def hello_escaped():
    from markupsafe import escape

    name = request.args.get("name", "")
    shown = f"<p>Hello {escape(name)}</p>"
    also = "<p>" + escape_for_html(name) + "</p>"
    return shown + also


def escape_for_html(text):
    return text.replace("<", "&lt;")


@app.route("/hello/plain")
def hello_plain():
    from flask import Response, jsonify

    name = request.args.get("name", "")
    if request.args.get("as") == "json":
        return jsonify(greeting=name)
    if request.args.get("as") == "dict":
        return {"greeting": name}
    return Response(name, mimetype="text/plain")


@app.route("/hello/json", methods=["POST"])
def hello_json():
    data = request.get_json()
    return data


@app.route("/hello/number")
def hello_number():
    count = int(request.args.get("count", "0"))  # expect: PY-REQUEST-PARSE-UNGUARDED
    return f"<p>{count} items</p>"


PAGE = "<html><body>{{ name }}</body></html>"


@app.route("/hello/filled")
def hello_filled():
    name = request.args.get("name", "")
    return make_response(PAGE.replace("{{ name }}", name))  # expect: PY-XSS


@app.route("/files/dots-refused")
def dots_refused():
    # an absolute path has no `..` in it
    from flask import send_file

    name = request.args.get("name", "")
    if ".." in name:
        return "no", 400
    return send_file(name)  # expect: PY-PATH-TRAVERSAL


@app.route("/files/dots-allowed")
def dots_allowed():
    from flask import send_file

    name = request.args.get("name", "")
    if "." in name:
        print("has an extension")
    else:
        name = name + ".txt"
    return send_file(name)  # expect: PY-PATH-TRAVERSAL



def lambda_handler(event, context):
    import os

    os.spawnlp(os.P_WAIT, event["program"])  # expect: PY-COMMAND-INPUT
    os.spawnlp(os.P_WAIT, "ls")
    return open(event["path"]).read()  # expect: PY-PATH-TRAVERSAL


def on_message(event, context, extra):
    return open(event["path"]).read()


def weak_digest(data):
    import hashlib

    algorithm = "md5"
    legacy = hashlib.new(algorithm)  # expect: PY-WEAK-HASH
    strong = "sha256"
    current = hashlib.new(strong)
    return legacy, current


SERVE_DEBUG = True
QUIET = False
app.run(debug=SERVE_DEBUG)  # expect: PY-FLASK-DEBUG-RUN
app.run(debug=QUIET)
serve = app.run
serve(debug=1)  # expect: PY-FLASK-DEBUG-RUN
serve(debug=False)


@app.route("/users/find")
def find_user():
    import xml.etree.ElementTree as ET

    root = ET.parse("users.xml").getroot()
    name = request.args.get("name", "")
    found = root.findall("./user[@name='" + name + "']")  # expect: PY-XPATH-INJECTION
    position = "users.xml".find(name)
    fixed = root.findall("./user[@name='admin']")
    return str((found, position, fixed))


def legacy_encrypt(key, data, nonce):
    from Crypto.Cipher import AES

    old = AES.new(key)  # expect: PY-WEAK-CIPHER
    current = AES.new(key, AES.MODE_GCM, nonce=nonce)
    named = AES.new(key, mode=AES.MODE_GCM, nonce=nonce)
    return old.encrypt(data), current.encrypt(data), named.encrypt(data)


@app.route("/files/positions")
def positions():
    name = request.args.get("name", "")
    kept = ["index.txt", name, "about.txt"]
    kept.pop(0)
    safe = kept[1]
    unsafe = kept[0]
    last = kept[-1]
    kept.append(name)
    appended = kept.pop()
    opened = open(safe).read() + open(last).read()
    opened += open(unsafe).read()  # expect: PY-PATH-TRAVERSAL
    return opened + open(appended).read()  # expect: PY-PATH-TRAVERSAL


@app.route("/files/matched")
def matched():
    name = request.args.get("name", "")
    target = "B"
    match target:
        case "A":
            chosen = name
        case "B":
            chosen = "index.txt"
        case _:
            chosen = name
    match request.args.get("kind"):
        case "raw":
            other = name
        case _:
            other = "index.txt"
    opened = open(chosen).read()
    return opened + open(other).read()  # expect: PY-PATH-TRAVERSAL


@app.route("/files/encoded")
def encoded():
    import base64

    name = request.args.get("name", "")
    round_trip = base64.b64decode(base64.b64encode(name.encode())).decode()
    return open(round_trip).read()  # expect: PY-PATH-TRAVERSAL


@app.route("/go/header")
def go_header():
    target = request.args.get("next", "/")
    response = make_response("", 302)
    response.headers["Location"] = target  # expect: PY-OPEN-REDIRECT
    response.headers["Location"] = "/account/" + target
    response.headers["X-Next"] = target
    return response


@app.route("/preview")
def preview():
    from jinja2 import Environment

    env = Environment(autoescape=True)
    page = env.from_string(request.args.get("template", ""))  # expect: PY-TEMPLATE-INJECTION
    fixed = env.from_string("Hello {{ name }}")
    return page.render() + fixed.render(name=request.args.get("name", ""))


@app.route("/files/joined")
def joined():
    import os

    from werkzeug.utils import safe_join

    name = request.args.get("name", "")
    checked = safe_join("/srv/files", name)
    plain = os.path.join("/srv/files", name)  # expect: PY-PATH-TRAVERSAL
    first = open(checked).read()
    return first + open(plain).read()  # opened here: the finding spans the join above


@app.errorhandler(404)
def not_found(error):
    return f"<h1>{request.path} was not found</h1>", 404  # expect: PY-XSS


@app.route("/login-first")
def login_first():
    from flask import redirect

    session["next"] = request.full_path
    if request.args.get("back"):
        return redirect(request.referrer)  # expect: PY-OPEN-REDIRECT
    return redirect(request.url)


@app.route("/users/search")
def search_users():
    import sqlite3

    name = request.args.get("name", "")
    limit = 86
    if (7 * 42) - limit > 200:
        who = "guest"
    else:
        who = name
    connection = sqlite3.connect("app.db")
    fixed = f"SELECT id FROM users WHERE name = '{who}'"
    connection.execute(fixed)
    chosen = f"SELECT id FROM users WHERE name = '{name}'"  # expect: PY-SQL-STRING
    connection.execute(chosen)  # expect: PY-SQL-STRING
    return "ok"


def key_from(request):
    return request.args.get("api_key")


@app.route("/files/exists")
def exists():
    import os
    import re

    name = request.args.get("name", "")
    cleaned = re.sub(r"\s+", "", name)
    present = os.path.exists(cleaned)  # expect: PY-PATH-TRAVERSAL
    known = os.path.exists("/srv/files/index.txt")
    return str(present and known)


@app.route("/users/relative")
def relative_user():
    import xml.etree.ElementTree as ET

    root = ET.parse("users.xml").getroot()
    name = request.args.get("name", "")
    return str(root.find("user[@name='" + name + "']"))  # expect: PY-XPATH-INJECTION


def new_reset_code():
    rng = random.Random()
    reset_code = str(rng.randint(100000, 999999))  # expect: PY-INSECURE-RANDOM
    system = random.SystemRandom()
    backup_code = str(system.randint(100000, 999999))
    return reset_code, backup_code


@app.route("/raw-cookie")
def raw_cookie():
    response = make_response("ok")
    response.headers["Set-Cookie"] = "sessionid=abc; Path=/; Secure"  # expect: PY-COOKIE-INSECURE
    response.headers["Set-Cookie"] = "sessionid=abc; Path=/; Secure; HttpOnly; SameSite=Lax"
    response.headers.add("Set-Cookie", f"auth_token={request.args.get('t')}; Path=/")  # expect: PY-COOKIE-INSECURE
    response.headers["Set-Cookie"] = "theme=dark; Path=/"
    return response


def password_reset_token():
    return "".join(random.choice(string.ascii_letters) for _ in range(32))  # expect: PY-INSECURE-RANDOM


def pick_key(keys):
    return random.choice(keys)


def get_api_key(pool):
    return random.choice(pool)


def shuffle_key(item):
    return random.random()


def invite_code():
    return "".join(random.choices(string.digits, k=8))  # expect: PY-INSECURE-RANDOM
