"""Request data reaching an interpreter, and trust given before a check (h87): each shape with a flagged
spelling and its correct look-alike.

- PY-TEMPLATE-INJECTION: a Jinja `SandboxedEnvironment` compiles untrusted text on purpose.
- PY-SQL-STRING: text built inside the bound values handed to `execute` next to the SQL is not SQL.
- PY-SSRF / RB-SSRF: a parsed URL whose host is tested against an allow-list is a chosen fetch target.
- PY-WEBHOOK-UNVERIFIED / RB-WEBHOOK-UNVERIFIED: a delivery endpoint that verifies nothing, or only when
  a signature is sent; the app's own webhook-settings routes (signed-in users) stay quiet.
- RB-JWT-UNVERIFIED: `JWT.decode(token, key, false)` on a token from the request.
- RB-CODE-INJECTION: ERB compiled from request text; Oj in a JSON-only mode is not an object loader.
"""

from __future__ import annotations

import pytest

from .helpers import findings_for_snippet


def _rules(path: str, text: str) -> set[str]:
    return findings_for_snippet(path, text)


_JINJA = (
    "from flask import request\n"
    "from jinja2 import Environment\n"
    "from jinja2.sandbox import SandboxedEnvironment\n"
    "{env} = {maker}(autoescape=True)\n"
    "@app.post('/preview')\n"
    "def preview():\n"
    "    return {env}.from_string(request.form['body']).render(name='Ada')\n"
)


def test_jinja_from_string_of_request_text_is_reported() -> None:
    assert "PY-TEMPLATE-INJECTION" in _rules("app/views.py", _JINJA.format(env="env", maker="Environment"))


@pytest.mark.parametrize("maker", ["SandboxedEnvironment", "ImmutableSandboxedEnvironment"])
def test_a_sandboxed_environment_is_quiet(maker: str) -> None:
    assert "PY-TEMPLATE-INJECTION" not in _rules("app/views.py", _JINJA.format(env="sandbox", maker=maker))


_SQLA = (
    "from fastapi import APIRouter, Query\n"
    "from sqlalchemy import text\n"
    "router = APIRouter()\n"
    "COLUMNS = {{'name': 'name', 'created': 'created_at'}}\n"
    "@router.get('/items')\n"
    "def items(db, sort: str = Query('name'), q: str = Query('')):\n"
    "    column = COLUMNS.get(sort, 'name')\n"
    "    return db.execute(text(f\"SELECT id FROM items WHERE name LIKE :p ORDER BY {{{spliced}}}\"),\n"
    "                      {{'p': f'%{{q}}%'}}).all()\n"
)


def test_a_pattern_built_in_the_bound_values_is_not_sql() -> None:
    assert "PY-SQL-STRING" not in _rules("app/api/items.py", _SQLA.format(spliced="column"))


def test_the_request_value_spliced_into_the_sql_text_is_still_reported() -> None:
    assert "PY-SQL-STRING" in _rules("app/api/items.py", _SQLA.format(spliced="sort"))


_PY_FETCH = (
    "from urllib.parse import urlparse\n"
    "import requests\n"
    "from flask import request, abort\n"
    "ALLOWED = {{'api.example.com'}}\n"
    "@app.get('/proxy')\n"
    "def proxy():\n"
    "    url = request.args['url']\n"
    "    parts = urlparse(url)\n"
    "    if {test}:\n"
    "        abort(400)\n"
    "    return requests.get(url, timeout=5).text\n"
)


def test_a_host_allow_list_on_the_parsed_url_clears_the_fetch() -> None:
    assert "PY-SSRF" not in _rules("app/views.py", _PY_FETCH.format(test="parts.hostname not in ALLOWED"))


def test_a_scheme_test_alone_does_not() -> None:
    assert "PY-SSRF" in _rules("app/views.py", _PY_FETCH.format(test="parts.scheme != 'https'"))


_FLASK_HOOK = (
    "from flask import Blueprint, request\n"
    "bp = Blueprint('hooks', __name__)\n"
    "{decorators}"
    "def receive():\n"
    "{check}"
    "    event = request.get_json()\n"
    "    orders.mark_paid(event['order'])\n"
    "    return '', 204\n"
)


def test_an_unverified_flask_webhook_is_reported() -> None:
    text = _FLASK_HOOK.format(decorators="@bp.post('/webhooks/shop')\n", check="")
    assert "PY-WEBHOOK-UNVERIFIED" in _rules("app/hooks.py", text)


@pytest.mark.parametrize(
    ("decorators", "check"),
    [
        ("@bp.post('/webhooks/shop')\n",
         "    if not hmac.compare_digest(sign(request.data), request.headers.get('X-Shop-Hmac', '')):\n"
         "        abort(401)\n"),
        ("@bp.post('/webhooks/shop')\n@require_shop_signature\n", ""),
        ("@bp.post('/webhooks/shop')\n",
         "    if request.headers.get('X-Token') != current_app.config['SHOP_TOKEN']:\n        abort(401)\n"),
        ("@bp.post('/webhooks')\n", ""),  # the app's own list of webhook subscriptions
        ("@bp.get('/webhooks/shop')\n", ""),
    ],
)
def test_verified_or_other_routes_are_quiet(decorators: str, check: str) -> None:
    text = _FLASK_HOOK.format(decorators=decorators, check=check)
    assert "PY-WEBHOOK-UNVERIFIED" not in _rules("app/hooks.py", text)


def test_a_fastapi_webhook_settings_route_for_signed_in_users_is_quiet() -> None:
    text = (
        "from fastapi import APIRouter, Depends\n"
        "router = APIRouter()\n"
        "@router.post('/projects/{project_id}/webhook')\n"
        "async def set_webhook(project_id: int, body: WebhookIn, user: User = Depends(current_user)):\n"
        "    await projects.save_webhook(project_id, body.url)\n"
        "    return {'ok': True}\n"
    )
    assert "PY-WEBHOOK-UNVERIFIED" not in _rules("app/api/projects.py", text)


def test_a_django_webhook_view_open_to_other_sites_is_reported() -> None:
    text = (
        "import json\n"
        "from django.views.decorators.csrf import csrf_exempt\n"
        "@csrf_exempt\n"
        "def courier_webhook(request):\n"
        "    data = json.loads(request.body)\n"
        "    Shipment.objects.filter(ref=data['ref']).update(state=data['state'])\n"
        "    return HttpResponse(status=204)\n"
    )
    assert "PY-WEBHOOK-UNVERIFIED" in _rules("shipping/views.py", text)
    signed_in = text.replace("@csrf_exempt\n", "@login_required\n")
    assert "PY-WEBHOOK-UNVERIFIED" not in _rules("shipping/views.py", signed_in)


_OPTIONAL = (
    "@router.post('/webhooks/shop')\n"
    "async def shop(request: Request, x_signature: str | None = Header(default=None)):\n"
    "    body = await request.body()\n"
    "{check}"
    "    await fulfil((await request.json())['order'])\n"
)


@pytest.mark.parametrize(
    "check",
    [
        "    if x_signature and not verify_signature(body, x_signature):\n        raise HTTPException(401)\n",
        "    if x_signature:\n"
        "        if not hmac.compare_digest(sign(body), x_signature):\n            raise HTTPException(401)\n",
    ],
)
def test_a_signature_checked_only_when_sent_is_reported(check: str) -> None:
    assert "PY-WEBHOOK-UNVERIFIED" in _rules("app/hooks.py", _OPTIONAL.format(check=check))


def test_a_signature_required_and_checked_is_quiet() -> None:
    check = ("    if not x_signature or not hmac.compare_digest(sign(body), x_signature):\n"
             "        raise HTTPException(401)\n")
    assert "PY-WEBHOOK-UNVERIFIED" not in _rules("app/hooks.py", _OPTIONAL.format(check=check))


_RB_HOOK = (
    "class {name} < {parent}\n"
    "  skip_before_action :verify_authenticity_token\n"
    "  def create\n"
    "{check}"
    "    event = JSON.parse(request.raw_post)\n"
    "    Order.find_by!(number: event['order']).update!(status: :paid)\n"
    "    head :ok\n"
    "  end\n"
    "end\n"
)


_SINATRA_HOOK = (
    "class HooksApp < Sinatra::Base\n"
    "  post '{path}' do\n"
    "{check}"
    "    event = JSON.parse(request.body.read)\n"
    "    Order.find_by!(number: event['order']).update!(status: :paid)\n"
    "    200\n"
    "  end\n"
    "end\n"
)


def test_an_unverified_sinatra_webhook_route_is_reported() -> None:
    text = _SINATRA_HOOK.replace("{path}", "/webhooks/shop").replace("{check}", "")
    assert "RB-WEBHOOK-UNVERIFIED" in _rules("app/hooks_app.rb", text)


@pytest.mark.parametrize(
    ("path", "check"),
    [
        ("/webhooks/shop",
         "    mac = OpenSSL::HMAC.hexdigest('SHA256', ENV.fetch('SHOP_SECRET'), request.body.read)\n"
         "    halt 401 unless Rack::Utils.secure_compare(mac, request.env['HTTP_X_SHOP_HMAC'].to_s)\n"),
        ("/orders", ""),
    ],
)
def test_a_verified_or_other_sinatra_route_is_quiet(path: str, check: str) -> None:
    text = _SINATRA_HOOK.replace("{path}", path).replace("{check}", check)
    assert "RB-WEBHOOK-UNVERIFIED" not in _rules("app/hooks_app.rb", text)


def test_rails_webhook_actions_are_left_to_the_parent_and_concerns() -> None:
    """A Rails receiver is often verified in a parent controller, a concern or a Rack middleware that one
    file does not show: an action alone is not judged."""
    text = _RB_HOOK.format(name="Webhooks::ShopController", parent="ActionController::API", check="")
    assert "RB-WEBHOOK-UNVERIFIED" not in _rules("app/controllers/webhooks/shop_controller.rb", text)


@pytest.mark.parametrize(
    ("condition", "flagged"),
    [
        ("    if signature.present?\n"
         "      return head :unauthorized unless valid_signature?(request.raw_post, signature)\n"
         "    end\n", True),
        ("    return head :unauthorized if signature.present? && !valid_signature?(request.raw_post, signature)\n",
         True),
        ("    return head :unauthorized unless signature.present? && valid_signature?(request.raw_post, signature)\n",
         False),
    ],
)
def test_a_rails_signature_checked_only_when_sent(condition: str, flagged: bool) -> None:
    check = "    signature = request.headers['X-Signature']\n" + condition
    text = _RB_HOOK.format(name="Webhooks::ShopController", parent="ApplicationController", check=check)
    assert ("RB-WEBHOOK-UNVERIFIED" in _rules("app/controllers/webhooks/shop_controller.rb", text)) is flagged


_RB_JWT = (
    "class SessionsController < ApplicationController\n"
    "  def show\n"
    "    token = {token}\n"
    "    payload, _ = JWT.decode(token, {rest})\n"
    "    render json: {{ user: payload['sub'] }}\n"
    "  end\n"
    "end\n"
)


@pytest.mark.parametrize(
    ("token", "rest", "flagged"),
    [
        ("request.headers['Authorization'].to_s.split.last", "nil, false", True),
        ("params[:token]", "secret, true, algorithms: ['none']", True),
        ("params[:token]", "secret, true, algorithm: 'HS256'", False),
        ("oauth_client.fetch_token.access_token", "nil, false", False),  # the app's own token: reads `exp`
    ],
)
def test_ruby_jwt_decode(token: str, rest: str, flagged: bool) -> None:
    text = _RB_JWT.format(token=token, rest=rest)
    assert ("RB-JWT-UNVERIFIED" in _rules("app/controllers/sessions_controller.rb", text)) is flagged


@pytest.mark.parametrize(
    ("line", "flagged"),
    [
        ("ERB.new(params[:template]).result(binding)", True),
        ("Oj.load(request.raw_post)", True),
        ("Oj.load(request.raw_post, mode: :object)", True),
        ("Oj.load(request.raw_post, mode: :strict)", False),
        ("Oj.load(request.raw_post, mode: :compat)", False),
    ],
)
def test_ruby_code_from_request_text(line: str, flagged: bool) -> None:
    text = f"class ImportsController < ApplicationController\n  def create\n    @x = {line}\n    head :ok\n  end\nend\n"
    assert ("RB-CODE-INJECTION" in _rules("app/controllers/imports_controller.rb", text)) is flagged


def test_a_ruby_host_allow_list_on_the_parsed_url_clears_the_fetch() -> None:
    text = (
        "class ImportsController < ApplicationController\n"
        "  ALLOWED = %w[files.example.com].freeze\n"
        "  def create\n"
        "    uri = URI.parse(params[:url].to_s)\n"
        "{guard}"
        "    render plain: Net::HTTP.get(uri)\n"
        "  end\n"
        "end\n"
    )
    guarded = text.format(guard="    return head :bad_request unless ALLOWED.include?(uri.host)\n")
    assert "RB-SSRF" not in _rules("app/controllers/imports_controller.rb", guarded)
    assert "RB-SSRF" in _rules("app/controllers/imports_controller.rb", text.format(guard=""))


_GO_CORS = (
    "package api\n\nimport \"net/http\"\n\nvar trusted = map[string]bool{\"https://app.example.com\": true}\n\n"
    "func CORS(next http.Handler) http.Handler {\n"
    "\treturn http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {\n"
    "\t\tif origin := r.Header.Get(\"Origin\"); {test} {\n"
    "\t\t\tw.Header().Set(\"Access-Control-Allow-Origin\", origin)\n"
    "\t\t\tw.Header().Set(\"Access-Control-Allow-Credentials\", \"true\")\n"
    "\t\t}\n\t\tnext.ServeHTTP(w, r)\n\t})\n}\n"
)


@pytest.mark.parametrize(("test", "flagged"), [("trusted[origin]", False), ("origin != \"\"", True)])
def test_go_origin_looked_up_in_a_table_of_trusted_ones(test: str, flagged: bool) -> None:
    text = _GO_CORS.replace("{test}", test)
    assert ("GO-CORS-REFLECTED-ORIGIN" in _rules("internal/api/cors.go", text)) is flagged


_GO_IN = (
    "package api\n\nimport (\n\t\"database/sql\"\n\t\"fmt\"\n\t\"strings\"\n)\n\n"
    "func names(db *sql.DB, ids []string) (*sql.Rows, error) {\n"
    "{build}"
    "\tquery := fmt.Sprintf(\"SELECT name FROM users WHERE id IN (%s)\", strings.Join({list}, \",\"))\n"
    "\treturn db.Query(query, args...)\n}\n"
)


def _go_in(build: str, joined: str) -> str:
    return _GO_IN.replace("{build}", build).replace("{list}", joined)


def test_go_a_joined_slice_of_bind_marks_is_no_splice() -> None:
    build = ("\tmarks := make([]string, len(ids))\n\targs := make([]any, len(ids))\n"
             "\tfor i, id := range ids {\n\t\tmarks[i] = fmt.Sprintf(\"$%d\", i+1)\n\t\targs[i] = id\n\t}\n")
    assert "GO-SQL-STRING" not in _rules("internal/api/users.go", _go_in(build, "marks"))
    appended = "\tvar marks []string\n\tfor range ids {\n\t\tmarks = append(marks, \"?\")\n\t}\n"
    assert "GO-SQL-STRING" not in _rules("internal/api/users.go", _go_in(appended, "marks"))


def test_go_a_joined_slice_of_the_values_is_still_reported() -> None:
    build = "\tvar args []any\n"
    assert "GO-SQL-STRING" in _rules("internal/api/users.go", _go_in(build, "ids"))


_JAVA_SORT = (
    "package com.acme.api;\n\n"
    "@RestController\npublic class ShipmentController {\n"
    "    private static final Set<String> SORTABLE = Set.of(\"created_at\", \"status\");\n"
    "    private final JdbcTemplate jdbc;\n\n"
    "    @GetMapping(\"/shipments\")\n"
    "    public List<Map<String, Object>> list(@RequestParam String sort) {\n"
    "        String column = {choice};\n"
    "        return jdbc.queryForList(\n"
    "            \"SELECT id FROM shipments ORDER BY \" + column);\n"
    "    }\n}\n"
)


@pytest.mark.parametrize(
    ("choice", "flagged"),
    [("SORTABLE.contains(sort) ? sort : \"created_at\"", False),
     ("sort.isEmpty() ? \"created_at\" : sort", True)],
)
def test_java_a_sort_key_chosen_by_an_allow_list_ternary(choice: str, flagged: bool) -> None:
    text = _JAVA_SORT.replace("{choice}", choice)
    assert ("JAVA-SQL-STRING" in _rules("src/main/java/com/acme/api/ShipmentController.java", text)) is flagged


_KNEX = (
    "router.get('/tickets', async (req, res) => {\n"
    "  const rows = await db('tickets')\n"
    "    .select('id')\n"
    "    {clause}\n"
    "    .limit(50);\n"
    "  res.json(rows);\n"
    "});\n"
)


@pytest.mark.parametrize(
    ("clause", "flagged"),
    [
        (""".whereRaw("title ilike ?", [`%${req.query.q}%`])""", False),
        (""".whereRaw(`title ilike '%${req.query.q}%'`)""", True),
    ],
)
def test_knex_raw_clause_bindings(clause: str, flagged: bool) -> None:
    text = _KNEX.replace("{clause}", clause)
    assert ("JS-SQL-STRING" in _rules("src/api/tickets.ts", text)) is flagged


_JS_JWT = (
    "import jwt from 'jsonwebtoken';\n"
    "export function requireUser(req, res, next) {\n"
    "  const token = {token};\n"
    "  const payload = jwt.decode(token);\n"
    "  req.user = { id: payload.sub };\n"
    "  next();\n"
    "}\n"
)


@pytest.mark.parametrize(
    ("token", "extra", "flagged"),
    [
        ("req.headers.authorization?.slice(7)", "", True),
        ("req.headers.authorization?.slice(7)", "export const check = (t) => jwt.verify(t, KEY);\n", False),
        ("session.accessToken", "", False),  # a token the server holds: reading its claims is no trust
    ],
)
def test_js_jwt_decoded_without_verify(token: str, extra: str, flagged: bool) -> None:
    text = _JS_JWT.replace("{token}", token) + extra
    assert ("JS-JWT-UNVERIFIED" in _rules("src/middleware/auth.ts", text)) is flagged


_AXIOS = (
    "import axios from 'axios';\n"
    "router.post('/integrations/test', async (req, res) => {\n"
    "  const client = axios.create({\n"
    "    baseURL: {base},\n"
    "    headers: { 'X-Request-Id': req.headers['x-request-id'] },\n"
    "  });\n"
    "  const { data } = await client.get('/status');\n"
    "  res.json(data);\n"
    "});\n"
)


@pytest.mark.parametrize(("base", "flagged"), [("req.body.instanceUrl", True), ("process.env.CRM_URL", False)])
def test_axios_client_made_with_a_base_url_from_the_request(base: str, flagged: bool) -> None:
    text = _AXIOS.replace("{base}", base)
    assert ("JS-SSRF" in _rules("src/api/integrations.ts", text)) is flagged


_GO_ZERO = (
    "package git\n\nfunc same(sig string, expectedSignature string, hash plumbing.Hash) bool {\n"
    "\tif {test} {\n\t\treturn false\n\t}\n\treturn true\n}\n"
)


@pytest.mark.parametrize(
    ("test", "flagged"),
    [("sig == plumbing.ZeroHash", False), ("sig == emptyDigest", False), ("sig == [32]byte{}", False),
     ("sig == expectedSignature", True)],
)
def test_go_a_comparison_with_a_zero_sentinel_is_no_secret_compare(test: str, flagged: bool) -> None:
    text = _GO_ZERO.replace("{test}", test)
    assert ("GO-TIMING-COMPARE" in _rules("internal/git/hash.go", text)) is flagged


@pytest.mark.parametrize(
    ("body", "flagged"),
    [
        ("\tsum := md5.Sum(b) //nolint:gosec // ETag only\n\treturn fmt.Sprintf(\"%x\", sum)\n", False),
        ("\tw.Header().Set(\"ETag\", fmt.Sprintf(\"%x\", sha1.Sum(b)))\n\treturn \"\"\n", False),
        ("\treturn fmt.Sprintf(\"%x\", md5.Sum([]byte(password)))\n", True),
    ],
)
def test_go_weak_digest_for_caching_or_waived(body: str, flagged: bool) -> None:
    text = f"package api\n\nfunc digest(b []byte, password string) string {{\n{body}}}\n"
    assert ("GO-WEAK-CRYPTO" in _rules("internal/api/digest.go", text)) is flagged


def test_typeorm_sub_query_text_is_not_a_splice() -> None:
    text = (
        "export async function ids(repo, userId: string) {\n"
        "  const subQb = repo.createQueryBuilder('o').select('o.customerId').where('o.userId = :u', { u: userId });\n"
        "  return repo.query(`SELECT id FROM customer WHERE id IN (${subQb.getQuery()})`, [userId]);\n"
        "}\n"
    )
    assert "JS-SQL-STRING" not in _rules("src/orders/ids.ts", text)
    spliced = text.replace("${subQb.getQuery()}", "${ids.join(',')}")
    assert "JS-SQL-STRING" in _rules("src/orders/ids.ts", spliced)


@pytest.mark.parametrize(("parse", "flagged"), [("parseClaimsJwt", True), ("parseClaimsJws", False)])
def test_jjwt_parser_of_unsigned_tokens(parse: str, flagged: bool) -> None:
    text = (
        "package com.acme.api;\n\npublic class TokenReader {\n"
        "    public String userId(String token, Key key) {\n"
        f"        return Jwts.parser().setSigningKey(key).{parse}(token).getBody().getSubject();\n"
        "    }\n}\n"
    )
    assert ("JAVA-JWT-UNVERIFIED" in _rules("src/main/java/com/acme/api/TokenReader.java", text)) is flagged
