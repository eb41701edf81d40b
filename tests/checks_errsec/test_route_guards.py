"""The route-guard checks beyond Python (JS-ROUTE-NO-AUTH, JAVA-ROUTE-NO-AUTH, GO-ROUTE-NO-AUTH): what a
hunk alone may conclude, and the cases that must stay quiet. The flagged examples are the fixtures in
`whole_file_only/route_guards.*` and `RouteGuards.java`."""

from __future__ import annotations

import difflib

import pytest

from persona_review.checks.runner import run_checks
from persona_review.contexts import build_context, context_for_text
from persona_review.diff import parse_diff

from .helpers import CATEGORIES, findings_for_snippet

RULES = {"JS-ROUTE-NO-AUTH", "JAVA-ROUTE-NO-AUTH", "GO-ROUTE-NO-AUTH"}


def _hunk_findings(name: str, old: str, new: str) -> set[tuple[int, str]]:
    lines = difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                 f"a/{name}", f"b/{name}", n=6)
    (diff_file,) = list(parse_diff(f"diff --git a/{name} b/{name}\n" + "".join(lines)))
    ctx = build_context(diff_file, None)
    assert not ctx.whole_file
    return {(f.line, f.rule_id or "") for f in run_checks([ctx], categories=CATEGORIES, enabled=RULES).findings
            if f.rule_id in RULES}


_HEAD = "const express = require('express');\nconst router = express.Router();\n"
_GUARD_ABOVE = "router.use(requireAuth);\n" + "\n".join(f"const filler{i} = {i};" for i in range(12)) + "\n"
_ROUTES = ("router.get('/a', requireAuth, a);\nrouter.post('/a', requireAuth, b);\n"
           "router.put('/a/:id', requireAuth, c);\n")


def test_a_hunk_that_shows_the_router_being_made_is_judged() -> None:
    old = _HEAD + _ROUTES
    new = _HEAD + _ROUTES + "router.delete('/a/:id', d);\n"
    assert _hunk_findings("orders.js", old, new) == {(6, "JS-ROUTE-NO-AUTH")}


def test_a_hunk_that_cannot_see_where_the_router_came_from_says_nothing() -> None:
    """A `router.use(requireAuth)` above the hunk would guard the new route: unknown, so not reported."""
    old = _HEAD + _GUARD_ABOVE + _ROUTES
    new = _HEAD + _GUARD_ABOVE + _ROUTES + "router.delete('/a/:id', d);\n"
    assert _hunk_findings("orders.js", old, new) == set()


def test_a_java_hunk_without_the_class_header_says_nothing() -> None:
    """The class may carry `@PreAuthorize` for every handler: without its header, nothing is concluded."""
    methods = "".join(
        f"    @PostMapping(\"/{name}\")\n    @PreAuthorize(\"hasRole('A')\")\n    public void {name}() {{\n"
        f"    }}\n\n" for name in ("one", "two", "three"))
    head = "@RestController\n@PreAuthorize(\"hasRole('A')\")\npublic class Things {\n" + "\n" * 12
    old = head + methods + "}\n"
    new = head + methods + "    @DeleteMapping(\"/x\")\n    public void drop() {\n    }\n}\n"
    assert _hunk_findings("Things.java", old, new) == set()


@pytest.mark.parametrize(("path", "text"), [
    # Express: every route public by nature, or a router with no guard pattern.
    ("auth.js", "const router = express.Router();\nrouter.post('/login', requireAuth, login);\n"
                "router.post('/register', requireAuth, register);\nrouter.post('/password/reset', reset);\n"
                "router.post('/signup', signup);\n"),
    # Koa-router named routes and `this.router` in a class: guarded alike.
    ("items.ts", "const router = new Router();\nrouter.post('/items', koaJwt({ secret }), add);\n"
                 "router.put('/items/:id', koaJwt({ secret }), put);\nrouter.del('/items/:id', koaJwt({ secret }), del);\n"),
    # A path-scoped guard: routes under it are guarded.
    ("app.js", "const app = express();\napp.use('/admin', requireAdmin);\napp.post('/admin/a', isAdmin, a);\n"
               "app.post('/admin/b', isAdmin, b);\napp.delete('/admin/c', c);\n"),
    # A router mounted after a guard on its parent is guarded as a whole.
    ("mount.js", "const app = express();\nconst api = express.Router();\napi.post('/x', requireAuth, x);\n"
                 "api.put('/x', requireAuth, y);\napi.delete('/x', z);\napp.use(passport.authenticate('jwt'));\n"
                 "app.use('/api', api);\n"),
    # Fastify hooks in the options object.
    ("plugin.js", "async function routes(fastify, opts) {\n"
                  "  fastify.post('/a', { preHandler: [fastify.authenticate] }, a);\n"
                  "  fastify.put('/a', { onRequest: fastify.authenticate }, b);\n"
                  "  fastify.delete('/a', { preHandler: fastify.authenticate }, c);\n}\n"),
    # A read, even an admin-looking one, is not reported: lookups for a form are often left open on
    # purpose to every signed-in user, and a read changes nothing.
    ("stats.js", "const app = express();\napp.get('/admin/a', isAdmin, a);\n"
                 "app.post('/admin/b', isAdmin, b);\napp.get('/admin/stats', stats);\n"),
    # Several open writes on one router are open on purpose; a sign-up is the users collection's POST.
    ("open.js", "const r = express.Router();\nr.get('/a', requireAuth, a);\nr.put('/a', requireAuth, b);\n"
                "r.delete('/a', requireAuth, c);\nr.post('/b', d);\nr.post('/c', e);\n"),
    ("users.js", "const r = express.Router();\nr.get('/user', requireAuth, me);\n"
                 "r.put('/user', requireAuth, update);\nr.post('/users', createUser);\n"),
    # Echo passes middleware after the handler.
    ("echo.go", "package x\nimport \"github.com/labstack/echo/v4\"\nfunc r() {\n\te := echo.New()\n"
                "\te.POST(\"/a\", h.A, requireLogin)\n\te.PUT(\"/a\", h.B, requireLogin)\n"
                "\te.DELETE(\"/a\", h.C, requireLogin)\n}\n"),
])
def test_guarded_or_public_routes_stay_quiet(path: str, text: str) -> None:
    assert findings_for_snippet(path, text) & RULES == set()


@pytest.mark.parametrize(("path", "text", "rule"), [
    ("echo.go", "package x\nimport \"github.com/labstack/echo/v4\"\nfunc r() {\n\te := echo.New()\n"
                "\te.POST(\"/a\", h.A, requireLogin)\n\te.PUT(\"/a\", h.B, requireLogin)\n"
                "\te.DELETE(\"/a\", h.AuthDelete)\n}\n", "GO-ROUTE-NO-AUTH"),
    ("plugin.js", "async function routes(fastify, opts) {\n"
                  "  fastify.post('/a', { preHandler: [fastify.authenticate] }, a);\n"
                  "  fastify.put('/a', { onRequest: fastify.authenticate }, b);\n"
                  "  fastify.delete('/a', c);\n}\n", "JS-ROUTE-NO-AUTH"),
    ("app.js", "const app = express();\napp.get('/admin/a', isAdmin, a);\n"
               "app.post('/admin/b', isAdmin, b);\napp.post('/admin/cache/purge', purgeCache);\n", "JS-ROUTE-NO-AUTH"),
])
def test_the_odd_route_is_reported(path: str, text: str, rule: str) -> None:
    """Echo's handler comes first (a handler named like a guard is still the handler), Fastify guards in
    hooks, and an admin write without the guard its siblings have."""
    assert findings_for_snippet(path, text) & RULES == {rule}


def test_public_reads_do_not_hide_a_pattern_among_the_writes() -> None:
    """Three public reads and three guarded writes: the writes alone are compared, and the bare one is
    reported with the count it was compared on."""
    text = ("const router = express.Router();\nrouter.get('/', list);\nrouter.get('/top', top);\n"
            "router.get('/:id', show);\nrouter.post('/', protect, admin, create);\n"
            "router.put('/:id', protect, admin, update);\nrouter.post('/:id/reviews', protect, review);\n"
            "router.delete('/:id', remove);\n")
    from persona_review.checks.runner import run_checks
    from persona_review.contexts import context_for_text

    found = [f for f in run_checks([context_for_text("products.js", text)], categories=CATEGORIES,
                                   enabled=RULES).findings
             if f.rule_id in RULES]
    assert [(f.line, f.rule_id) for f in found] == [(8, "JS-ROUTE-NO-AUTH")]
    assert "3 of the 4 mutating or admin routes on `router`" in found[0].body


def _default_rules(path: str, text: str) -> set[str]:
    """The route-guard findings a review with the default config reports (no `enable-checks`)."""
    from persona_review.checks.runner import run_checks
    from persona_review.contexts import context_for_text

    return {f.rule_id or "" for f in run_checks([context_for_text(path, text)], categories=CATEGORIES).findings
            if f.rule_id in RULES}


_GIN_ROUTES = ("package api\nimport \"github.com/gin-gonic/gin\"\nfunc Routes(r *gin.Engine) {\n"
               "\tr.GET(\"/keys\", requireAuth(), h.List)\n\tr.POST(\"/keys\", requireAuth(), h.Create)\n"
               "\tr.PUT(\"/keys/:id\", requireAuth(), h.Update)\n\tr.DELETE(\"/keys/:id\", h.Delete)\n}\n")
_SPRING_ROUTES = ("package x;\n@RestController\n@RequestMapping(\"/keys\")\npublic class KeyController {\n"
                  "  @PreAuthorize(\"hasRole('ADMIN')\")\n  @GetMapping\n  public List<Key> list() { return null; }\n"
                  "  @PreAuthorize(\"hasRole('ADMIN')\")\n  @PostMapping\n  public Key create(Key k) { return k; }\n"
                  "  @PreAuthorize(\"hasRole('ADMIN')\")\n  @PutMapping(\"/{id}\")\n"
                  "  public Key update(Key k) { return k; }\n"
                  "  @DeleteMapping(\"/{id}\")\n  public void delete(Long id) { keys.deleteById(id); }\n}\n")


@pytest.mark.parametrize(("path", "text", "rule"), [
    ("routes.go", _GIN_ROUTES, "GO-ROUTE-NO-AUTH"),
    ("KeyController.java", _SPRING_ROUTES, "JAVA-ROUTE-NO-AUTH"),
])
def test_the_lone_unguarded_write_is_reported_without_enable_checks(path: str, text: str, rule: str) -> None:
    assert _default_rules(path, text) == {rule}
    # With one read left open as well: the writes are still mostly guarded, reported by default too.
    opened = (text.replace("r.GET(\"/keys\", requireAuth(), h.List)", "r.GET(\"/keys\", h.List)")
              .replace("@PreAuthorize(\"hasRole('ADMIN')\")\n  @GetMapping", "@GetMapping"))
    assert _default_rules(path, opened) == {rule}
    assert findings_for_snippet(path, opened) & RULES == {rule}


_PREFIX_GUARD = """const express = require('express');
const router = express.Router();

router.get('/internal/metrics/dump', dumpMetrics);
router.post('/internal/signin', signIn);
router.get('/internals', overview);
router.get('/orders', listOrders);

router.use('/internal', authenticate, requireRole('ops'));
router.get('/internal/queues', listQueues);
module.exports = router;
"""


def test_a_route_above_the_guard_of_its_prefix_is_reported_by_default() -> None:
    # Only the route under the guarded prefix: sign-in is public by nature, `/internals` and `/orders` are
    # other paths; reported without `enable-checks`, since no sibling count is needed.
    assert [(f.line, f.rule_id) for f in run_checks([context_for_text("ops.js", _PREFIX_GUARD)],
                                                    categories=CATEGORIES).findings
            if f.rule_id in RULES] == [(4, "JS-ROUTE-NO-AUTH")]


@pytest.mark.parametrize("guard", [
    "router.use(authenticate);",  # the whole router: routes above it are public on purpose
    "router.use('/', authenticate);",
    "router.use('/internal', rateLimit);",  # not a guard
    "other.use('/internal', authenticate);",  # another router
])
def test_routes_above_a_guard_for_the_whole_router_or_another_one_stay_quiet(guard: str) -> None:
    text = _PREFIX_GUARD.replace("router.use('/internal', authenticate, requireRole('ops'));", guard)
    assert [f.line for f in run_checks([context_for_text("ops.js", text)], categories=CATEGORIES).findings
            if f.rule_id in RULES and f.line == 4] == []


def test_a_file_of_reads_above_a_prefix_guard_is_read() -> None:
    # No write and no admin word in the file: the `.use(` of the guard is what lets the check read it.
    text = ("const express = require('express');\nconst router = express.Router();\n"
            "router.get('/internal/dump', dump);\nrouter.use('/internal', authenticate);\n"
            "router.get('/internal/queues', listQueues);\nmodule.exports = router;\n")
    assert [f.line for f in run_checks([context_for_text("ops.js", text)], categories=CATEGORIES).findings
            if f.rule_id in RULES] == [3]


_TABLE = """package server

func Register(r *gin.Engine, h *Handlers, mw *Middleware) {
\tbase := []gin.HandlerFunc{mw.RequestID}
\tsignedIn := append(append([]gin.HandlerFunc{}, base...), mw.VerifyToken)
\tadmins := append(append([]gin.HandlerFunc{}, signedIn...), mw.AdminOnly)
\troutes := []route{
\t\t{"GET", "/v1/orders/:id", h.GetOrder, signedIn},
\t\t{"POST", "/v1/orders", h.CreateOrder, signedIn},
\t\t{"GET", "/v1/admin/orders", h.AdminOrders, admins},
\t\t{http.MethodPost, "/v1/orders/:id/cancel", h.CancelOrder, base},
\t}
\tfor _, rt := range routes {
\t\tr.Handle(rt.method, rt.path, append(rt.chain, rt.handler)...)
\t}
}
"""


def test_a_route_table_row_whose_chain_holds_no_guard_is_the_lone_open_write() -> None:
    # The chains are read from the variables that build them: `base` holds no guard, the others do.
    assert _default_rules("internal/server/routes.go", _TABLE) == {"GO-ROUTE-NO-AUTH"}
    guarded = _TABLE.replace("h.CancelOrder, base}", "h.CancelOrder, signedIn}")
    assert _default_rules("internal/server/routes.go", guarded) == set()
    # A table whose rows are mostly open is open on purpose.
    mostly_open = _TABLE.replace("signedIn},", "base},")
    assert _default_rules("internal/server/routes.go", mostly_open) == set()


def test_a_table_without_a_middleware_chain_column_is_no_route_table() -> None:
    expectations = """package server

func checks() []probe {
\treturn []probe{
\t\t{"GET", "/v1/orders/:id", h.GetOrder, true},
\t\t{"POST", "/v1/orders", h.CreateOrder, true},
\t\t{"PUT", "/v1/orders/:id", h.UpdateOrder, true},
\t\t{"DELETE", "/v1/orders/:id", h.DeleteOrder, false},
\t\t{"GET", "/v1/admin/orders", h.AdminOrders, true},
\t}
}
"""
    assert findings_for_snippet("internal/server/probes.go", expectations) & RULES == set()


_MICRONAUT_ROUTES = ("package x;\n@Controller(\"/keys\")\npublic class KeyController {\n"
                     "  @Secured(\"ROLE_ADMIN\")\n  @Get\n  public List<Key> list() { return null; }\n"
                     "  @Secured(\"ROLE_ADMIN\")\n  @Post\n  public Key create(@Body Key k) { return k; }\n"
                     "  @Secured(\"ROLE_ADMIN\")\n  @Put(\"/{id}\")\n  public Key update(@Body Key k) { return k; }\n"
                     "  @Delete(\"/{id}\")\n  public void delete(Long id) { keys.deleteById(id); }\n}\n")
_JAX_RS_ROUTES = ("package x;\n@Path(\"/keys\")\npublic class KeyResource {\n"
                  "  @RolesAllowed(\"admin\")\n  @GET\n  public List<Key> list() { return null; }\n"
                  "  @RolesAllowed(\"admin\")\n  @POST\n  public Key create(Key k) { return k; }\n"
                  "  @RolesAllowed(\"admin\")\n  @PUT\n  @Path(\"/{id}\")\n  public Key update(Key k) { return k; }\n"
                  "  @DELETE\n  @Path(\"/{id}\")\n  public void delete(@PathParam(\"id\") Long id) { keys.remove(id); }\n"
                  "}\n")


@pytest.mark.parametrize(("path", "text"), [
    ("KeyController.java", _MICRONAUT_ROUTES),
    ("KeyResource.java", _JAX_RS_ROUTES),
])
def test_micronaut_and_jax_rs_handlers_are_routes_too(path: str, text: str) -> None:
    assert _default_rules(path, text) == {"JAVA-ROUTE-NO-AUTH"}
    anonymous = text.replace("  @Delete(", "  @Secured(SecurityRule.IS_ANONYMOUS)\n  @Delete(").replace(
        "  @DELETE\n", "  @PermitAll\n  @DELETE\n")
    assert findings_for_snippet(path, anonymous) & RULES == set()  # opened on purpose


_FIBER_ROUTES = ("package api\nimport \"github.com/gofiber/fiber/v2\"\nfunc Routes(app *fiber.App) {\n"
                 "\tapp.Get(\"/keys\", requireAuth, h.List)\n\tapp.Post(\"/keys\", requireAuth, h.Create)\n"
                 "\tapp.Put(\"/keys/:id\", requireAuth, h.Update)\n\tapp.Delete(\"/keys/:id\", h.Delete)\n}\n")


def test_fiber_routes_are_read_like_gins() -> None:
    assert _default_rules("routes.go", _FIBER_ROUTES) == {"GO-ROUTE-NO-AUTH"}
    guarded = _FIBER_ROUTES.replace("app.Delete(\"/keys/:id\", h.Delete)", "app.Delete(\"/keys/:id\", requireAuth, h.Delete)")
    assert _default_rules("routes.go", guarded) == set()
