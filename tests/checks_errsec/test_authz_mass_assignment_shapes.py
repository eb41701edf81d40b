"""Function-level authorization and mass assignment: the edges of the shapes the family variants
(`tests/data/security_family_variants/s2_*`) show whole. Each flagged case sits next to the correct code
that looks most like it; all run with the checks a user gets by default."""

from __future__ import annotations

import difflib

from persona_review.checks.runner import run_checks
from persona_review.contexts import build_context, context_for_text
from persona_review.diff import parse_diff

from .helpers import CATEGORIES


def _default(path: str, text: str) -> set[str]:
    outcome = run_checks([context_for_text(path, text)], categories=CATEGORIES)
    return {f.rule_id or "" for f in outcome.findings}


def _hunk(path: str, old: str, new: str) -> set[str]:
    lines = difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                 f"a/{path}", f"b/{path}", n=3)
    (diff_file,) = list(parse_diff(f"diff --git a/{path} b/{path}\n" + "".join(lines)))
    ctx = build_context(diff_file, None)
    return {f.rule_id or "" for f in run_checks([ctx], categories=CATEGORIES).findings}


# --- PY-CSRF-DISABLED: only a view that acts for the browser session ---------------------------------------

_CSRF_HEAD = "from django.views.decorators.csrf import csrf_exempt\n\n\n"


def test_csrf_exempt_on_a_session_view_is_reported() -> None:
    text = _CSRF_HEAD + ("@csrf_exempt\ndef notify_settings(request):\n"
                         "    request.user.profile.notify = request.POST.get('notify') == 'on'\n"
                         "    request.user.profile.save()\n    return redirect('settings')\n")
    assert "PY-CSRF-DISABLED" in _default("accounts/views.py", text)


def test_csrf_exempt_on_an_api_key_view_is_quiet() -> None:
    text = _CSRF_HEAD + ("@csrf_exempt\ndef ping(request, code):\n"
                         "    check = get_object_or_404(Check, code=code)\n    check.ping()\n"
                         "    return HttpResponse('OK')\n")
    assert "PY-CSRF-DISABLED" not in _default("hc/api/views.py", text)


def test_csrf_exempt_on_a_signed_webhook_reading_the_user_is_quiet() -> None:
    text = _CSRF_HEAD + ("@csrf_exempt\ndef stripe_webhook(request):\n"
                         "    event = stripe.Webhook.construct_event(request.body, sig, secret)\n"
                         "    return HttpResponse(status=200)\n")
    assert "PY-CSRF-DISABLED" not in _default("billing/views.py", text)


def test_flask_wtf_setting_off_is_still_reported() -> None:
    assert "PY-CSRF-DISABLED" in _default("app/config.py", "app.config['WTF_CSRF_ENABLED'] = False\n")


# --- PY-ROUTE-NO-AUTH: a DRF write action opened on an admin view set --------------------------------------

_VIEWSET = """from rest_framework import permissions, viewsets
from rest_framework.decorators import action


class BillingAdminViewSet(viewsets.ModelViewSet):
    permission_classes = [permissions.IsAdminUser]

    @action(detail=True, methods={methods}, permission_classes=[permissions.AllowAny], url_path="{url}")
    def {name}(self, request, pk=None):
        return Response()
"""


def test_allow_any_write_action_on_admin_viewset_is_reported() -> None:
    text = _VIEWSET.format(methods='["post"]', url="refund", name="refund")
    assert "PY-ROUTE-NO-AUTH" in _default("billing/views.py", text)


def test_allow_any_read_action_or_public_write_is_quiet() -> None:
    read = _VIEWSET.format(methods='["get"]', url="summary", name="summary")
    sign_up = _VIEWSET.format(methods='["post"]', url="password-reset", name="password_reset")
    assert "PY-ROUTE-NO-AUTH" not in _default("billing/views.py", read)
    assert "PY-ROUTE-NO-AUTH" not in _default("billing/views.py", sign_up)


def test_allow_any_action_on_authenticated_viewset_is_quiet() -> None:
    text = _VIEWSET.format(methods='["post"]', url="refund", name="refund").replace(
        "IsAdminUser", "IsAuthenticated")
    assert "PY-ROUTE-NO-AUTH" not in _default("billing/views.py", text)


# --- PY-MASS-ASSIGNMENT: open pydantic schemas, user-model serializers and forms ---------------------------

_OPEN_SCHEMA = """from pydantic import BaseModel, ConfigDict


class PatchIn(BaseModel):
    model_config = ConfigDict(extra="{extra}")

    name: str | None = None


@router.patch("/me")
def patch_me(body: PatchIn, user=Depends(current_user)):
    for key, value in body.model_dump(exclude_unset=True).items():
        setattr(user, key, value)
"""


def test_setattr_loop_over_a_schema_that_keeps_extra_keys_is_reported() -> None:
    assert "PY-MASS-ASSIGNMENT" in _default("app/api/me.py", _OPEN_SCHEMA.format(extra="allow"))


def test_setattr_loop_over_a_schema_that_drops_extra_keys_is_quiet() -> None:
    assert "PY-MASS-ASSIGNMENT" not in _default("app/api/me.py", _OPEN_SCHEMA.format(extra="ignore"))


def test_unpacking_an_open_schema_into_a_model_is_reported() -> None:
    text = _OPEN_SCHEMA.format(extra="allow").split("@router")[0] + (
        "def create(body: PatchIn):\n    return User(**body.model_dump())\n")
    assert "PY-MASS-ASSIGNMENT" in _default("app/api/users.py", text)


_SERIALIZER = """from rest_framework import serializers


class {name}(serializers.ModelSerializer):
    class Meta:
        model = {model}
{meta}"""


def test_user_serializer_with_every_field_is_reported() -> None:
    text = _SERIALIZER.format(name="AccountSerializer", model="User", meta='        fields = "__all__"\n')
    assert "PY-MASS-ASSIGNMENT" in _default("accounts/serializers.py", text)


def test_user_serializer_with_privileges_read_only_or_excluded_is_quiet() -> None:
    locked = _SERIALIZER.format(name="AccountSerializer", model="User",
                                meta='        fields = "__all__"\n        read_only_fields = ["is_staff"]\n')
    excluded = _SERIALIZER.format(name="AccountSerializer", model="User",
                                  meta='        exclude = ["password", "is_staff", "is_superuser"]\n')
    admin = _SERIALIZER.format(name="UserAdminSerializer", model="User", meta='        fields = "__all__"\n')
    other = _SERIALIZER.format(name="TagSerializer", model="Tag", meta='        fields = "__all__"\n')
    for text in (locked, excluded, admin, other):
        assert "PY-MASS-ASSIGNMENT" not in _default("accounts/serializers.py", text)


def test_setattr_loop_behind_an_allow_list_is_quiet() -> None:
    text = ("def update(request, user):\n    for key, value in request.get_json().items():\n"
            "        if key not in {'name', 'bio'}:\n            continue\n        setattr(user, key, value)\n")
    flagged = text.replace("        if key not in {'name', 'bio'}:\n            continue\n", "")
    assert "PY-MASS-ASSIGNMENT" not in _default("app/views.py", text)
    assert "PY-MASS-ASSIGNMENT" in _default("app/views.py", flagged)


# --- JS-MASS-ASSIGNMENT: Fetch/Hono bodies, TypeORM merge, Sequelize's allow-list --------------------------


def test_hono_json_body_into_drizzle_set_is_reported_and_a_parsed_one_is_not() -> None:
    raw = ("app.patch('/me', async (c) => {\n  const body = await c.req.json();\n"
           "  await db.update(users).set(body).where(eq(users.id, c.get('userId')));\n});\n")
    parsed = raw.replace("await c.req.json()", "Patch.parse(await c.req.json())")
    assert "JS-MASS-ASSIGNMENT" in _default("src/routes/me.ts", raw)
    assert "JS-MASS-ASSIGNMENT" not in _default("src/routes/me.ts", parsed)


def test_typeorm_merge_of_the_body_is_reported_and_lodash_merge_of_defaults_is_not() -> None:
    merged = "export async function h(req, res) {\n  repo.merge(account, req.body);\n  await repo.save(account);\n}\n"
    lodash = "export function h(req, res) {\n  const opts = _.merge(defaults, req.body);\n  res.json(opts);\n}\n"
    assert "JS-MASS-ASSIGNMENT" in _default("src/api/accounts.ts", merged)
    assert "JS-MASS-ASSIGNMENT" not in _default("src/api/accounts.ts", lodash)


def test_sequelize_fields_option_and_notification_agents_are_quiet() -> None:
    fields = "router.put('/m/:id', async (req, res) => {\n  await m.update(req.body, { fields: ['title'] });\n});\n"
    agent = "router.post('/test', async (req, res) => {\n  const agent = new SlackAgent(req.body);\n});\n"
    settings = "router.post('/plex', async (req, res) => {\n  Object.assign(settings.plex, req.body);\n});\n"
    for text in (fields, agent, settings):
        assert "JS-MASS-ASSIGNMENT" not in _default("src/routes/settings.js", text)
    assert "JS-MASS-ASSIGNMENT" in _default("src/routes/m.js", fields.replace(", { fields: ['title'] }", ""))


# --- JS-ROUTE-NO-AUTH: queue dashboards and Next.js route handlers ------------------------------------------

_BOARD = ("import { createBullBoard } from '@bull-board/api';\nimport { ExpressAdapter } from '@bull-board/express';\n"
          "const serverAdapter = new ExpressAdapter();\n")


def test_queue_dashboard_without_a_guard_is_reported() -> None:
    text = _BOARD + "app.use('/ops/queues', serverAdapter.getRouter());\n"
    assert "JS-ROUTE-NO-AUTH" in _default("src/server.ts", text)


def test_queue_dashboard_behind_a_guard_is_quiet() -> None:
    inline = _BOARD + "app.use('/ops/queues', ensureAdmin, serverAdapter.getRouter());\n"
    above = _BOARD + "app.use(requireAuth);\napp.use('/ops/queues', serverAdapter.getRouter());\n"
    assert "JS-ROUTE-NO-AUTH" not in _default("src/server.ts", inline)
    assert "JS-ROUTE-NO-AUTH" not in _default("src/server.ts", above)


def _handler(verb: str, asks: bool) -> str:
    check = "  const session = await auth();\n  if (!session) return new Response(null, { status: 401 });\n"
    return f"export async function {verb}(req: Request) {{\n{check if asks else ''}  return Response.json({{}});\n}}\n\n"


def test_next_route_handler_write_without_the_session_check_its_siblings_make_is_reported() -> None:
    text = _handler("GET", True) + _handler("PATCH", True) + _handler("DELETE", False)
    assert "JS-ROUTE-NO-AUTH" in _default("app/api/notes/[id]/route.ts", text)


def test_next_route_handlers_all_open_or_outside_app_router_are_quiet() -> None:
    all_open = _handler("GET", False) + _handler("PATCH", False) + _handler("DELETE", False)
    one_sibling = _handler("GET", True) + _handler("DELETE", False)
    mixed = _handler("GET", True) + _handler("PATCH", True) + _handler("DELETE", False)
    assert "JS-ROUTE-NO-AUTH" not in _default("app/api/notes/[id]/route.ts", all_open)
    assert "JS-ROUTE-NO-AUTH" not in _default("app/api/notes/[id]/route.ts", one_sibling)
    assert "JS-ROUTE-NO-AUTH" not in _default("src/lib/notes.ts", mixed)


# --- JAVA-ADMIN-ROUTE-ANONYMOUS: a security rule that opens an admin path ----------------------------------

_CHAIN = """@Bean
SecurityFilterChain chain(HttpSecurity http) throws Exception {{
    http.authorizeHttpRequests(auth -> auth
            .requestMatchers({paths}).{rule}
            .anyRequest().authenticated());
    return http.build();
}}
"""


def test_admin_path_permitted_to_anyone_is_reported() -> None:
    text = _CHAIN.format(paths='"/api/admin/**"', rule="permitAll()")
    assert "JAVA-ADMIN-ROUTE-ANONYMOUS" in _default("src/main/java/com/acme/SecurityConfig.java", text)


def test_admin_login_page_static_files_or_role_rule_are_quiet() -> None:
    for paths, rule in (('"/admin/login", "/admin/assets/**"', "permitAll()"),
                        ('"/admin/**"', 'hasRole("ADMIN")'), ('"/internal/**"', "permitAll()")):
        text = _CHAIN.format(paths=paths, rule=rule)
        assert "JAVA-ADMIN-ROUTE-ANONYMOUS" not in _default("src/main/java/com/acme/SecurityConfig.java", text)


# --- GO-ROUTE-NO-AUTH: a write registered beside the guarded group of its resource --------------------------

_CHI = """package api

func (s *Server) routes() http.Handler {{
	r := chi.NewRouter()
	r.Group(func(r chi.Router) {{
		r.Use(s.requireAuth)
		r.Get("/notes", s.list)
		r.Post("/notes", s.create)
		r.Put("/notes/{{id}}", s.update)
	}})
	{outside}
	return r
}}
"""


def test_write_outside_the_group_of_its_resource_is_reported() -> None:
    text = _CHI.format(outside='r.Delete("/notes/{id}", s.remove)')
    assert "GO-ROUTE-NO-AUTH" in _default("internal/api/routes.go", text)


def test_other_resource_or_public_write_outside_the_group_is_quiet() -> None:
    for outside in ('r.Post("/login", s.login)', 'r.Post("/webhooks/stripe", s.stripe)',
                    'r.Delete("/cache/{id}", s.evict)', 'r.Get("/notes/{id}/badge", s.badge)'):
        assert "GO-ROUTE-NO-AUTH" not in _default("internal/api/routes.go", _CHI.format(outside=outside))


def test_go_outside_group_hunk_without_the_group_is_quiet() -> None:
    old = _CHI.format(outside="")
    new = _CHI.format(outside='r.Delete("/notes/{id}", s.remove)')
    padded_old = old.replace("\tr.Group(", "\n" * 20 + "\tr.Group(")
    padded_new = new.replace("\tr.Group(", "\n" * 20 + "\tr.Group(")
    assert "GO-ROUTE-NO-AUTH" in _default("internal/api/routes.go", padded_new)
    assert "GO-ROUTE-NO-AUTH" not in _hunk("internal/api/routes.go", padded_old.replace(
        '\t\tr.Get("/notes", s.list)\n', '\t\tr.Get("/notes", s.list)\n' + "\n" * 20), padded_new.replace(
        '\t\tr.Get("/notes", s.list)\n', '\t\tr.Get("/notes", s.list)\n' + "\n" * 20))


def test_csrf_exempt_on_a_bot_webhook_that_sets_the_user_is_quiet() -> None:
    text = _CSRF_HEAD + ("@csrf_exempt\ndef telegram_hook(request, token):\n"
                         "    bot = get_object_or_404(Bot, token=token)\n    request.user = bot.owner\n"
                         "    Entry.objects.create(created_by=request.user)\n    return JsonResponse({})\n")
    assert "PY-CSRF-DISABLED" not in _default("cookbook/views/telegram.py", text)


_FASTAPI = """from fastapi import APIRouter, Depends

router = APIRouter()


@router.get("/wallets")
async def list_wallets(account=Depends(check_account_exists)):
    return []


@router.post("/wallets")
async def create_wallet(account=Depends(check_account_exists)):
    return {}


@router.put("/wallets/{wallet_id}")
async def rename_wallet(wallet_id: str, account=Depends(check_account_exists)):
    return {}


@router.delete("/wallets/{wallet_id}")
async def delete_wallet(wallet_id: str{dep}):
    return None
"""


def test_a_dependency_that_resolves_the_account_guards_the_route() -> None:
    guarded = _FASTAPI.replace("{dep}", ", account=Depends(check_account_exists)")
    assert "PY-ROUTE-NO-AUTH" not in _default("app/api/wallets.py", guarded)
    assert "PY-ROUTE-NO-AUTH" in _default("app/api/wallets.py", _FASTAPI.replace("{dep}", ""))


def test_a_router_guarded_as_a_whole_and_public_routes_are_not_reported() -> None:
    open_delete = _FASTAPI.replace("{dep}", "")
    whole = open_delete.replace("router = APIRouter()",
                                "router = APIRouter(prefix='/x', dependencies=[Depends(check_admin)])")
    sign_in = open_delete.replace('@router.delete("/wallets/{wallet_id}")\nasync def delete_wallet',
                                  '@router.post("/login")\nasync def login')
    assert "PY-ROUTE-NO-AUTH" not in _default("app/api/wallets.py", whole)
    assert "PY-ROUTE-NO-AUTH" not in _default("app/api/wallets.py", sign_in)
