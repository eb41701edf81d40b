"""Secrets, tokens and crypto (h96): each widened or new shape with a flagged spelling and its correct
look-alike, in the languages the shape was widened for.

- *-WEAK-HASH / GO-WEAK-CRYPTO / RB-WEAK-HASH: a password through a fast digest (any of MD5 ... SHA-512);
  a token's digest, a KDF, a constant-time comparison of two digests and a breached-password lookup are quiet.
- JS-WEAK-CIPHER / RB-WEAK-CIPHER / PY-WEAK-CIPHER / JAVA-WEAK-CIPHER / GO-WEAK-CRYPTO: ECB, and an IV or
  nonce fixed in the source; a random one, or one read back from the ciphertext, is quiet.
- RB-TLS-VERIFY-OFF, PY-TLS-VERIFY-OFF (aiohttp): verification off; a toggle or test settings are quiet.
- RB-COOKIE-INSECURE: a token cookie without `httponly: true`.
- GO-SECRET-FALLBACK / JAVA-SECRET-FALLBACK: a secret with a literal default; a required one is quiet.
- JWT: python-jose's unverified claims, `verify_exp` off, jwx's `WithVerify(false)`, a ruby-jwt header peek
  before a verified decode (quiet).
- Timing compares: an HMAC object's own output, a decoded signature, an f-string around a digest.
- Logs: a request's whole header map, a card number.
"""

from __future__ import annotations

import pytest

from .helpers import findings_for_snippet

_PASSWORD_DIGESTS = [
    ("PY-WEAK-HASH", "app/users.py",
     "import hashlib\ndef register(email, password):\n"
     "    return save(email, hashlib.sha256(password.encode()).hexdigest())\n",
     "import hashlib\ndef token_key(api_token):\n    return hashlib.sha256(api_token.encode()).hexdigest()\n"),
    ("JS-WEAK-HASH", "src/users.ts",
     "import { createHash } from 'node:crypto';\n"
     "export const hashIt = (password: string) => createHash('sha512').update(password).digest('hex');\n",
     "import { createHash } from 'node:crypto';\n"
     "export const hashIt = (token: string) => createHash('sha512').update(token).digest('hex');\n"),
    ("GO-WEAK-CRYPTO", "internal/users/users.go",
     "package users\nimport \"crypto/sha256\"\nfunc hash(password string) [32]byte {\n"
     "\treturn sha256.Sum256([]byte(password))\n}\n",
     "package users\nimport \"crypto/sha256\"\nfunc hash(apiKey string) [32]byte {\n"
     "\treturn sha256.Sum256([]byte(apiKey))\n}\n"),
    ("JAVA-WEAK-HASH", "src/main/java/com/acme/Users.java",
     "package com.acme;\nimport java.security.MessageDigest;\nclass Users {\n"
     "  byte[] hash(String rawPassword) throws Exception {\n"
     "    return MessageDigest.getInstance(\"SHA-256\").digest(rawPassword.getBytes());\n  }\n}\n",
     "package com.acme;\nimport java.security.MessageDigest;\nclass Users {\n"
     "  byte[] hash(String token) throws Exception {\n"
     "    return MessageDigest.getInstance(\"SHA-256\").digest(token.getBytes());\n  }\n}\n"),
    ("RB-WEAK-HASH", "app/models/user.rb",
     "class User < ApplicationRecord\n  def password=(plain)\n"
     "    self.password_digest = Digest::MD5.hexdigest(plain)\n  end\nend\n",
     "class User < ApplicationRecord\n  def self.by_token(token)\n"
     "    find_by(token_digest: Digest::SHA256.hexdigest(token))\n  end\nend\n"),
]


@pytest.mark.parametrize(("rule", "path", "flagged", "clean"), _PASSWORD_DIGESTS, ids=lambda v: str(v)[:20])
def test_a_password_through_a_fast_digest(rule: str, path: str, flagged: str, clean: str) -> None:
    assert rule in findings_for_snippet(path, flagged)
    assert rule not in findings_for_snippet(path, clean)


def test_digests_compared_in_constant_time_and_breach_lookups_are_quiet() -> None:
    sidekiq = ("Sidekiq::Web.use(Rack::Auth::Basic) do |user, password|\n"
               "  ActiveSupport::SecurityUtils.secure_compare(Digest::SHA256.hexdigest(password), EXPECTED)\nend\n")
    assert "RB-WEAK-HASH" not in findings_for_snippet("config/initializers/sidekiq.rb", sidekiq)
    pwned = ("import hashlib\nimport requests\ndef breached(password):\n"
             "    digest = hashlib.sha1(password.encode()).hexdigest().upper()\n"
             "    return requests.get('https://api.pwnedpasswords.com/range/' + digest[:5], timeout=5)\n")
    assert "PY-WEAK-HASH" not in findings_for_snippet("app/validators.py", pwned)


_CIPHERS = [
    ("JS-WEAK-CIPHER", "src/crypto.js",
     "const crypto = require('crypto');\nconst iv = Buffer.alloc(16, 0);\n"
     "exports.enc = (k, s) => crypto.createCipheriv('aes-256-cbc', k, iv).update(s);\n",
     "const crypto = require('crypto');\n"
     "exports.enc = (k, s) => { const iv = crypto.randomBytes(16);\n"
     "  return crypto.createCipheriv('aes-256-cbc', k, iv).update(s); };\n"),
    ("JS-WEAK-CIPHER", "src/crypto.ts",
     "import { createCipheriv } from 'node:crypto';\n"
     "export const enc = (k: Buffer, s: string) => createCipheriv('aes-128-ecb', k, null).update(s);\n",
     "import { createCipheriv, randomBytes } from 'node:crypto';\n"
     "export const enc = (k: Buffer, s: string) => createCipheriv('aes-128-gcm', k, randomBytes(12)).update(s);\n"),
    ("RB-WEAK-CIPHER", "app/services/vault.rb",
     "class Vault\n  IV = \"0123456789abcdef\"\n  def enc(key, s)\n    c = OpenSSL::Cipher.new(\"aes-256-cbc\")\n"
     "    c.encrypt\n    c.key = key\n    c.iv = IV\n    c.update(s) + c.final\n  end\nend\n",
     "class Vault\n  def enc(key, s)\n    c = OpenSSL::Cipher.new(\"aes-256-gcm\")\n"
     "    c.encrypt\n    c.key = key\n    iv = c.random_iv\n    iv + c.update(s) + c.final\n  end\nend\n"),
    ("PY-WEAK-CIPHER", "app/vault.py",
     "from Crypto.Cipher import AES\nNONCE = b'fixed-nonce!'\n"
     "def enc(key, data):\n    return AES.new(key, AES.MODE_GCM, nonce=NONCE).encrypt(data)\n",
     "import os\nfrom Crypto.Cipher import AES\n"
     "def enc(key, data):\n    return AES.new(key, AES.MODE_GCM, nonce=os.urandom(12)).encrypt(data)\n"),
    ("PY-WEAK-CIPHER", "app/vault.py",
     "from cryptography.hazmat.primitives.ciphers.aead import AESGCM\n"
     "def enc(key, data):\n    return AESGCM(key).encrypt(bytes(12), data, None)\n",
     "import os\nfrom cryptography.hazmat.primitives.ciphers.aead import AESGCM\n"
     "def enc(key, data, nonce):\n    return AESGCM(key).encrypt(nonce, data, None)\n"),
    ("JAVA-WEAK-CIPHER", "src/main/java/com/acme/Vault.java",
     "package com.acme;\nimport javax.crypto.Cipher;\nimport javax.crypto.spec.*;\nclass Vault {\n"
     "  byte[] enc(SecretKeySpec k, byte[] s) throws Exception {\n"
     "    Cipher c = Cipher.getInstance(\"AES/CBC/PKCS5Padding\");\n"
     "    c.init(Cipher.ENCRYPT_MODE, k, new IvParameterSpec(new byte[16]));\n    return c.doFinal(s);\n  }\n}\n",
     "package com.acme;\nimport java.nio.ByteBuffer;\nimport javax.crypto.Cipher;\nimport javax.crypto.spec.*;\n"
     "class Vault {\n  byte[] dec(SecretKeySpec k, byte[] data) throws Exception {\n"
     "    ByteBuffer in = ByteBuffer.wrap(data);\n    byte[] iv = new byte[12];\n    in.get(iv);\n"
     "    Cipher c = Cipher.getInstance(\"AES/GCM/NoPadding\");\n"
     "    c.init(Cipher.DECRYPT_MODE, k, new GCMParameterSpec(128, iv));\n"
     "    byte[] rest = new byte[in.remaining()];\n    in.get(rest);\n    return c.doFinal(rest);\n  }\n}\n"),
    ("GO-WEAK-CRYPTO", "internal/vault/vault.go",
     "package vault\nimport \"crypto/cipher\"\nfunc seal(g cipher.AEAD, p []byte) []byte {\n"
     "\tnonce := make([]byte, g.NonceSize())\n\treturn g.Seal(nil, nonce, p, nil)\n}\n",
     "package vault\nimport (\n\t\"crypto/cipher\"\n\t\"crypto/rand\"\n)\nfunc seal(g cipher.AEAD, p []byte) []byte {\n"
     "\tnonce := make([]byte, g.NonceSize())\n\tif _, err := rand.Read(nonce); err != nil {\n\t\tpanic(err)\n\t}\n"
     "\treturn g.Seal(nonce, nonce, p, nil)\n}\n"),
]


@pytest.mark.parametrize(("rule", "path", "flagged", "clean"), _CIPHERS, ids=lambda v: str(v)[:20])
def test_ecb_or_a_fixed_iv(rule: str, path: str, flagged: str, clean: str) -> None:
    assert rule in findings_for_snippet(path, flagged)
    assert rule not in findings_for_snippet(path, clean)


_NET_HTTP = ("class Rates\n  def get(uri)\n    http = Net::HTTP.new(uri.host, uri.port)\n    http.use_ssl = true\n"
             "{line}\n    http.get(uri.path)\n  end\nend\n")


def test_ruby_tls_verification_off() -> None:
    off = _NET_HTTP.format(line="    http.verify_mode = OpenSSL::SSL::VERIFY_NONE")
    assert "RB-TLS-VERIFY-OFF" in findings_for_snippet("app/services/rates.rb", off)
    on = _NET_HTTP.format(line="    http.verify_mode = OpenSSL::SSL::VERIFY_PEER")
    assert "RB-TLS-VERIFY-OFF" not in findings_for_snippet("app/services/rates.rb", on)
    faraday = "CONN = Faraday.new(url: ENV.fetch(\"API\"), ssl: { verify: false })\n"
    assert "RB-TLS-VERIFY-OFF" in findings_for_snippet("app/services/partner.rb", faraday)


def test_ruby_tls_toggles_and_test_settings_are_quiet() -> None:
    toggled = _NET_HTTP.format(line="    if Rails.env.development?\n"
                                    "      http.verify_mode = OpenSSL::SSL::VERIFY_NONE\n    end")
    assert "RB-TLS-VERIFY-OFF" not in findings_for_snippet("app/services/rates.rb", toggled)
    settings = ("Rails.application.configure do\n"
                "  config.redis = { ssl_params: { verify_mode: OpenSSL::SSL::VERIFY_NONE } }\nend\n")
    assert "RB-TLS-VERIFY-OFF" not in findings_for_snippet("config/environments/test.rb", settings)


def test_aiohttp_ssl_false_is_verification_off() -> None:
    code = ("import aiohttp\nasync def get(url):\n    async with aiohttp.ClientSession() as s:\n"
            "        async with s.get(url, ssl={ssl}) as r:\n            return await r.json()\n")
    assert "PY-TLS-VERIFY-OFF" in findings_for_snippet("app/client.py", code.format(ssl="False"))
    assert "PY-TLS-VERIFY-OFF" not in findings_for_snippet("app/client.py", code.format(ssl="CONTEXT"))


_COOKIE = ("class SessionsController < ApplicationController\n  def create\n    user = User.find(params[:id])\n"
           "    cookies[:{name}] = {{ value: user.token, expires: 1.week.from_now{flags} }}\n"
           "    redirect_to root_path\n  end\nend\n")


@pytest.mark.parametrize("name", ["auth_token", "remember_token", "app_session"])
def test_ruby_token_cookie_without_httponly(name: str) -> None:
    assert "RB-COOKIE-INSECURE" in findings_for_snippet(
        "app/controllers/sessions_controller.rb", _COOKIE.format(name=name, flags=""))
    assert "RB-COOKIE-INSECURE" not in findings_for_snippet(
        "app/controllers/sessions_controller.rb", _COOKIE.format(name=name, flags=", httponly: true, secure: true"))


@pytest.mark.parametrize("name", ["preferred_auth", "theme", "last_login"])
def test_ruby_cookies_that_carry_no_credential_are_quiet(name: str) -> None:
    assert "RB-COOKIE-INSECURE" not in findings_for_snippet(
        "app/controllers/sessions_controller.rb", _COOKIE.format(name=name, flags=""))


_GO_FALLBACKS = [
    "package config\nimport (\n\t\"cmp\"\n\t\"os\"\n)\n"
    "var Secret = cmp.Or(os.Getenv(\"JWT_SECRET\"), \"dev-secret\")\n",
    "package config\nimport \"os\"\nfunc Secret() string {\n\ts := os.Getenv(\"SESSION_SECRET\")\n"
    "\tif s == \"\" {\n\t\ts = \"insecure-dev-secret\"\n\t}\n\treturn s\n}\n",
    "package config\nfunc Load() Config {\n\treturn Config{Key: getEnv(\"SIGNING_KEY\", \"local-signing-key\")}\n}\n",
]
_GO_REQUIRED = [
    "package config\nimport (\n\t\"cmp\"\n\t\"os\"\n)\nvar Addr = cmp.Or(os.Getenv(\"ADDR\"), \":8080\")\n",
    "package config\nimport (\n\t\"errors\"\n\t\"os\"\n)\nfunc Secret() (string, error) {\n"
    "\ts := os.Getenv(\"SESSION_SECRET\")\n\tif s == \"\" {\n\t\treturn \"\", errors.New(\"SESSION_SECRET unset\")\n"
    "\t}\n\treturn s, nil\n}\n",
    "package config\nfunc Load() Config {\n\treturn Config{TTL: getEnv(\"TOKEN_TTL_SECONDS\", \"3600\")}\n}\n",
]


@pytest.mark.parametrize("code", _GO_FALLBACKS)
def test_go_secret_fallback(code: str) -> None:
    assert "GO-SECRET-FALLBACK" in findings_for_snippet("internal/config/config.go", code)


@pytest.mark.parametrize("code", _GO_REQUIRED)
def test_go_required_secrets_and_other_defaults_are_quiet(code: str) -> None:
    assert "GO-SECRET-FALLBACK" not in findings_for_snippet("internal/config/config.go", code)


_JAVA = "package com.acme;\nclass Config {{\n  {field}\n}}\n"


@pytest.mark.parametrize("field", [
    "@Value(\"${app.jwt.secret:change-me}\") String secret;",
    "String key = System.getenv().getOrDefault(\"API_KEY\", \"local-key\");",
    "String pw = Objects.requireNonNullElse(System.getenv(\"DB_PASSWORD\"), \"postgres\");",
    "@ConfigProperty(name = \"webhook.secret\", defaultValue = \"dev\") String secret;",
])
def test_java_secret_fallback(field: str) -> None:
    assert "JAVA-SECRET-FALLBACK" in findings_for_snippet(
        "src/main/java/com/acme/Config.java", _JAVA.format(field=field))


@pytest.mark.parametrize("field", [
    "@Value(\"${app.jwt.secret}\") String secret;",
    "@Value(\"${app.jwt.ttl-ms:3600000}\") long ttl;",
    "@Value(\"${app.jwt.issuer:acme}\") String issuer;",
    "@RequestParam(defaultValue = \"10\") int size;",
])
def test_java_required_secrets_and_plain_settings_are_quiet(field: str) -> None:
    assert "JAVA-SECRET-FALLBACK" not in findings_for_snippet(
        "src/main/java/com/acme/Config.java", _JAVA.format(field=field))


def test_python_jose_unverified_claims() -> None:
    code = ("from jose import jwt\ndef user_of(request):\n"
            "    claims = jwt.get_unverified_claims(request.headers['authorization'][7:])\n"
            "    return claims['sub']{verify}\n")
    assert "PY-JWT-UNVERIFIED" in findings_for_snippet("app/auth.py", code.format(verify=""))
    verified = code.format(verify="\ndef check(token, keys):\n"
                                  "    return jwt.decode(token, keys[jwt.get_unverified_claims(token)['iss']], "
                                  "algorithms=['RS256'])")
    assert "PY-JWT-UNVERIFIED" not in findings_for_snippet("app/auth.py", verified)


def test_pyjwt_expiry_check_off() -> None:
    code = ("import jwt\ndef claims(token, key):\n"
            "    return jwt.decode(token, key, algorithms=['HS256'], options={options})\n")
    assert "PY-JWT-UNVERIFIED" in findings_for_snippet("app/auth.py", code.format(options="{'verify_exp': False}"))
    assert "PY-JWT-UNVERIFIED" not in findings_for_snippet("app/auth.py", code.format(options="{'require': ['exp']}"))


def test_jwx_without_verification() -> None:
    code = ("package api\nimport (\n\t\"net/http\"\n\t\"github.com/lestrrat-go/jwx/v2/jwt\"\n)\n"
            "func user(r *http.Request) (jwt.Token, error) {{\n"
            "\treturn jwt.Parse([]byte(r.Header.Get(\"X-Token\")), {opt})\n}}\n")
    assert "GO-JWT-UNVERIFIED" in findings_for_snippet("internal/api/auth.go", code.format(opt="jwt.WithVerify(false)"))
    assert "GO-JWT-UNVERIFIED" not in findings_for_snippet(
        "internal/api/auth.go", code.format(opt="jwt.WithKey(jwa.RS256, pub)"))


def test_jwx_reading_a_token_the_client_fetched_itself_is_quiet() -> None:
    code = ("package deezer\nimport \"github.com/lestrrat-go/jwx/v2/jwt\"\n"
            "func expiry(raw string) (jwt.Token, error) {\n"
            "\treturn jwt.ParseString(raw, jwt.WithVerify(false), jwt.WithValidate(false))\n}\n")
    assert "GO-JWT-UNVERIFIED" not in findings_for_snippet("adapters/deezer/auth.go", code)


def test_ruby_header_peek_before_a_verified_decode_is_quiet() -> None:
    code = ("class ApiController < ActionController::API\n  def auth\n"
            "    token = request.headers['Authorization'].to_s.split.last\n"
            "    _claims, header = JWT.decode(token, nil, false)\n{rest}  end\nend\n")
    verified = "    @claims, = JWT.decode(token, KEYS.fetch(header['kid']), true, algorithm: 'RS256')\n"
    path = "app/controllers/api_controller.rb"
    assert "RB-JWT-UNVERIFIED" in findings_for_snippet(path, code.format(rest="    @claims = _claims\n"))
    assert "RB-JWT-UNVERIFIED" not in findings_for_snippet(path, code.format(rest=verified))


def test_timing_compares_of_computed_macs() -> None:
    go = ("package hooks\nimport (\n\t\"bytes\"\n\t\"crypto/hmac\"\n\t\"crypto/sha256\"\n)\n"
          "func ok(secret, body, sent []byte) bool {\n\tmac := hmac.New(sha256.New, secret)\n\tmac.Write(body)\n"
          "\treturn {cmp}(mac.Sum(nil), sent)\n}}\n")
    assert "GO-TIMING-COMPARE" in findings_for_snippet("internal/hooks/hooks.go", go.replace("{cmp}", "bytes.Equal")
                                                        .replace("}}", "}"))
    assert "GO-TIMING-COMPARE" not in findings_for_snippet("internal/hooks/hooks.go", go.replace("{cmp}", "hmac.Equal")
                                                            .replace("}}", "}"))
    py = ("import hashlib, hmac\ndef ok(secret, body, sent):\n"
          "    digest = hmac.new(secret, body, hashlib.sha256).hexdigest()\n    return {expr}\n")
    assert "PY-TIMING-COMPARE" in findings_for_snippet("app/hooks.py", py.format(expr="sent == f'sha256={digest}'"))
    assert "PY-TIMING-COMPARE" not in findings_for_snippet(
        "app/hooks.py", py.format(expr="hmac.compare_digest(sent, f'sha256={digest}')"))


def test_ruby_env_secret_compared_with_eq() -> None:
    code = ("class InternalController < ActionController::API\n  def check\n"
            "    head :unauthorized unless request.headers['X-Token'].to_s {op}\n  end\nend\n")
    path = "app/controllers/internal_controller.rb"
    assert "RB-TIMING-COMPARE" in findings_for_snippet(path, code.format(op="== ENV.fetch('INTERNAL_API_TOKEN')"))
    assert "RB-TIMING-COMPARE" not in findings_for_snippet(path, code.format(op="== ENV.fetch('INTERNAL_HOST')"))


def test_whole_request_headers_and_card_numbers_in_logs() -> None:
    py = "import logging\nlog = logging.getLogger(__name__)\ndef hook(request):\n    log.info('got %s', {arg})\n"
    assert "PY-SECRET-IN-LOG" in findings_for_snippet("app/hooks.py", py.format(arg="dict(request.headers)"))
    assert "PY-SECRET-IN-LOG" in findings_for_snippet("app/hooks.py", py.format(arg="card_number"))
    assert "PY-SECRET-IN-LOG" not in findings_for_snippet("app/hooks.py", py.format(arg="request.headers.get('accept')"))
    go = ("package api\nimport (\n\t\"log\"\n\t\"net/http\"\n)\n"
          "func h(w http.ResponseWriter, r *http.Request) {{\n\tlog.Printf(\"req %v\", {arg})\n}}\n")
    assert "GO-SECRET-IN-LOG" in findings_for_snippet("internal/api/h.go", go.format(arg="r.Header"))
    assert "GO-SECRET-IN-LOG" not in findings_for_snippet("internal/api/h.go", go.format(arg="r.Header.Get(\"Accept\")"))


def test_ruby_random_value_for_a_secret_option() -> None:
    code = "class User < ApplicationRecord\n  def reset!\n    update!(reset_code: {value})\n  end\nend\n"
    assert "RB-INSECURE-RANDOM" in findings_for_snippet("app/models/user.rb", code.format(value="rand(10**6).to_s"))
    assert "RB-INSECURE-RANDOM" not in findings_for_snippet(
        "app/models/user.rb", code.format(value="SecureRandom.random_number(10**6).to_s"))


def test_a_maker_returning_a_random_name() -> None:
    code = ("import random\nimport secrets\nimport string\ndef make_invite_code():\n"
            "    code = {value}\n    return code\n")
    assert "PY-INSECURE-RANDOM" in findings_for_snippet(
        "app/invites.py", code.format(value="''.join(random.choices(string.digits, k=8))"))
    assert "PY-INSECURE-RANDOM" not in findings_for_snippet(
        "app/invites.py", code.format(value="secrets.token_urlsafe(8)"))


def test_ttl_named_variables_are_not_secrets() -> None:
    code = "class Session\n  TTL = ENV.fetch('SESSION_TOKEN_TTL_HOURS', '12').to_i\nend\n"
    assert "RB-SECRET-FALLBACK" not in findings_for_snippet("app/models/session.rb", code)


_NIMBUS = ("package com.acme;\nimport com.nimbusds.jwt.SignedJWT;\nimport jakarta.servlet.http.HttpServletRequest;\n"
           "class Caller {{\n  String tenant(HttpServletRequest req) throws Exception {{\n"
           "    SignedJWT jwt = SignedJWT.parse(req.getHeader(\"Authorization\").substring(7));\n{check}"
           "    return jwt.getJWTClaimsSet().getStringClaim(\"tenant\");\n  }}\n}}\n")


def test_nimbus_parse_without_a_verifier() -> None:
    path = "src/main/java/com/acme/Caller.java"
    assert "JAVA-JWT-UNVERIFIED" in findings_for_snippet(path, _NIMBUS.format(check=""))
    verified = "    if (!jwt.verify(verifier)) throw new SecurityException(\"bad token\");\n"
    assert "JAVA-JWT-UNVERIFIED" not in findings_for_snippet(path, _NIMBUS.format(check=verified))


_SLACK_PY = ("import hashlib, hmac, os, time\nfrom flask import Flask, abort, request\napp = Flask(__name__)\n"
             "@app.post('/slack/events')\ndef events():\n"
             "    ts = request.headers.get('X-Slack-Request-Timestamp', '')\n{window}"
             "    base = f'v0:{{ts}}:'.encode() + request.get_data()\n"
             "    mac = 'v0=' + hmac.new(os.environb[b'KEY'], base, hashlib.sha256).hexdigest()\n"
             "    if not hmac.compare_digest(mac, request.headers.get('X-Slack-Signature', '')):\n        abort(401)\n"
             "    return '', 200\n")
_SLACK_JS = ("const crypto = require('crypto');\nrouter.post('/slack/events', (req, res) => {{\n"
             "  const ts = req.get('x-slack-request-timestamp');\n{window}"
             "  const mac = crypto.createHmac('sha256', KEY).update(`v0:${{ts}}:${{req.rawBody}}`).digest('hex');\n"
             "  if (!crypto.timingSafeEqual(Buffer.from(mac), Buffer.from(req.get('x-slack-signature')))) {{\n"
             "    return res.sendStatus(401);\n  }}\n  res.sendStatus(200);\n}});\n")


def test_a_signed_timestamp_never_compared_with_the_clock() -> None:
    py_window = "    if abs(time.time() - int(ts)) > 300:\n        abort(401)\n"
    assert "PY-WEBHOOK-UNVERIFIED" in findings_for_snippet("app/slack.py", _SLACK_PY.format(window=""))
    assert "PY-WEBHOOK-UNVERIFIED" not in findings_for_snippet("app/slack.py", _SLACK_PY.format(window=py_window))
    js_window = "  if (Math.abs(Date.now() / 1000 - Number(ts)) > 300) return res.sendStatus(401);\n"
    assert "JS-WEBHOOK-UNVERIFIED" in findings_for_snippet("src/routes/slack.js", _SLACK_JS.format(window=""))
    assert "JS-WEBHOOK-UNVERIFIED" not in findings_for_snippet(
        "src/routes/slack.js", _SLACK_JS.format(window=js_window))


_REBUILT = ("const crypto = require('crypto');\nrouter.post('/webhooks/pay', {parser}, (req, res) => {{\n"
            "  const mac = crypto.createHmac('sha256', KEY).update({signed}).digest('hex');\n"
            "  if (!crypto.timingSafeEqual(Buffer.from(mac), Buffer.from(req.get('x-signature') || ''))) {{\n"
            "    return res.sendStatus(401);\n  }}\n  res.sendStatus(200);\n}});\n")


def test_an_hmac_over_the_reserialised_body() -> None:
    flagged = _REBUILT.format(parser="express.json()", signed="JSON.stringify(req.body)")
    assert "JS-WEBHOOK-UNVERIFIED" in findings_for_snippet("src/routes/pay.js", flagged)
    raw = _REBUILT.format(parser="express.raw({ type: 'application/json' })", signed="req.body")
    assert "JS-WEBHOOK-UNVERIFIED" not in findings_for_snippet("src/routes/pay.js", raw)


def test_jose_decode_without_any_jwt_word_in_lower_case() -> None:
    code = ("const {{ {fn} }} = require('jose');\nmodule.exports = async (ctx, next) => {{\n"
            "  const token = (ctx.get('Authorization') || '').slice(7);\n  ctx.state.claims = {call};\n"
            "  await next();\n}};\n")
    assert "JS-JWT-UNVERIFIED" in findings_for_snippet(
        "src/middleware/auth.js", code.format(fn="decodeJwt", call="decodeJwt(token)"))
    assert "JS-JWT-UNVERIFIED" not in findings_for_snippet(
        "src/middleware/auth.js", code.format(fn="jwtVerify", call="(await jwtVerify(token, KEY)).payload"))


@pytest.mark.parametrize(("field", "flagged"), [
    ("@Value(\"${security.jwt.tokenSigningKey:defaultSigningKey}\") String key;", True),
    ("@Value(\"${security.jwt.tokenIssuer:acme.io}\") String issuer;", False),
    ("@Value(\"${server.rate_limits.reset_password_per_user:5:3600}\") String limit;", False),
])
def test_java_property_names_in_camel_case_and_settings_about_secrets(field: str, flagged: bool) -> None:
    found = "JAVA-SECRET-FALLBACK" in findings_for_snippet(
        "src/main/java/com/acme/Config.java", _JAVA.format(field=field))
    assert found is flagged
