"""The route-guard checks (JAVA-ROUTE-NO-AUTH, JS-ROUTE-NO-AUTH) on handlers whose own code, path or verbs
say the missing guard annotation is not an oversight: each rule has a case that must stay quiet and its
nearest case that must still be reported. Written for persona-review."""

from __future__ import annotations

import pytest

from persona_review.checks._route_callers import handler_text
from persona_review.contexts import build_context, context_for_text
from persona_review.diff import parse_diff

from .helpers import findings_for_snippet

JAVA = "JAVA-ROUTE-NO-AUTH"
JS = "JS-ROUTE-NO-AUTH"


def _controller(odd: str) -> str:
    """A Spring controller with three writes guarded by a permission check, plus `odd` (one handler)."""
    guarded = "".join(
        f"    @{verb}Mapping(\"/{name}\")\n    @PreAuthorize(\"@perm.has('shelf:{name}')\")\n"
        f"    public Result {name}(@RequestBody Shelf shelf) {{\n        return shelves.{name}(shelf);\n    }}\n\n"
        for verb, name in (("Post", "create"), ("Put", "update"), ("Delete", "remove")))
    return ("@RestController\n@RequestMapping(\"/shelves\")\npublic class ShelfController {\n"
            f"{guarded}{odd}}}\n")


def _java(odd: str) -> set[str]:
    return findings_for_snippet("ShelfController.java", _controller(odd)) & {JAVA}


@pytest.mark.parametrize("odd", [
    # asks who the caller is: written for any signed-in user, acting as them
    "    @PostMapping(\"/{id}/pin\")\n    public Result pin(@PathVariable long id) {\n"
    "        return shelfService.pin(id, SecurityUtils.getLoginUserId());\n    }\n",
    "    @PostMapping(\"/{id}/pin\")\n    public Result pin(@PathVariable long id,\n"
    "                      @AuthenticationPrincipal Account account) {\n        return shelves.pin(id, account);\n"
    "    }\n",
    "    @PostMapping(\"/{id}/pin\")\n    public Result pin(@PathVariable long id, Principal principal) {\n"
    "        return shelves.pin(id, principal.getName());\n    }\n",
    # mapped to GET as well: it serves reads
    "    @RequestMapping(value = \"/run/{name}\", method = {RequestMethod.GET, RequestMethod.POST})\n"
    "    public Result run(@PathVariable String name) {\n        return shelves.run(name);\n    }\n",
    # a POST whose last path segment names a read carries a query in its body
    "    @PostMapping(\"/stock/search\")\n    public Result stock(@RequestBody Filter filter) {\n"
    "        return shelves.stock(filter);\n    }\n",
    # each user's own read state
    "    @PutMapping(\"/notes/read-all\")\n    public Result readAll() {\n        return notes.readAll();\n    }\n",
    # the code and state an OAuth provider redirects back with
    "    @PostMapping(\"/link\")\n    public Result link(String state, String code) {\n"
    "        return accounts.link(state, code);\n    }\n",
    # the body authorizes the call itself
    "    @PostMapping(\"/{id}/pin\")\n    public Result pin(@PathVariable long id) {\n"
    "        if (!access.mayEdit(id)) {\n            throw new AccessDeniedException(\"no\");\n        }\n"
    "        return shelves.pin(id);\n    }\n",
    "    @PostMapping(\"/{id}/pin\")\n    public Result pin(@PathVariable long id) {\n"
    "        StpUtil.checkPermission(\"shelf:pin\");\n        return shelves.pin(id);\n    }\n",
    # a POST named only for a read
    "    @PostMapping(\"/all\")\n    public Result list() {\n        return shelves.all();\n    }\n",
    "    @PostMapping(\"/diff\")\n    public Result changes(@RequestBody Pair pair) {\n"
    "        return shelves.changes(pair);\n    }\n",
])
def test_a_handler_meant_for_any_signed_in_caller_is_not_reported(odd: str) -> None:
    assert _java(odd) == set()


@pytest.mark.parametrize("odd", [
    # the same handlers without what made them so: a shared resource changed by id
    "    @PostMapping(\"/{id}/pin\")\n    public Result pin(@PathVariable long id) {\n"
    "        return shelves.pin(id);\n    }\n",
    # a user id from the request is not the caller
    "    @PostMapping(\"/{id}/pin\")\n    public Result pin(@PathVariable long id, @RequestParam long userId) {\n"
    "        return shelves.pin(id, userId);\n    }\n",
    "    @RequestMapping(value = \"/run/{name}\", method = RequestMethod.POST)\n"
    "    public Result run(@PathVariable String name) {\n        return shelves.run(name);\n    }\n",
    "    @PostMapping(\"/stock/import\")\n    public Result stock(@RequestBody Filter filter) {\n"
    "        return shelves.stock(filter);\n    }\n",
    "    @PutMapping(\"/notes/sync-all\")\n    public Result syncAll() {\n        return notes.syncAll();\n    }\n",
    "    @PostMapping(\"/link\")\n    public Result link(String code) {\n        return accounts.link(code);\n    }\n",
    # the caller kept only for the record: who did it, not who may
    "    @PostMapping(\"/{id}/pin\")\n    public Result pin(@PathVariable long id) {\n"
    "        Shelf shelf = shelves.get(id);\n        shelf.setUpdater(SecurityUtils.getLoginUserId());\n"
    "        return shelves.save(shelf);\n    }\n",
    "    @PostMapping(\"/{id}/pin\")\n    public Result pin(@PathVariable long id) {\n"
    "        Account who = getCurrentUser();\n        return shelves.pin(id);\n    }\n",
    # compared with the caller (not one's own record), or handed to something other than a service
    "    @PostMapping(\"/{id}/pin\")\n    public Result pin(@PathVariable Long id) {\n"
    "        if (id.equals(getLoginUserId())) {\n            return Result.fail();\n        }\n"
    "        return shelfService.pin(id);\n    }\n",
    "    @PostMapping(\"/{id}/pin\")\n    public Result pin(@PathVariable long id) {\n"
    "        log.info(\"pin {} by {}\", id, getLoginUserId());\n        return shelfService.pin(id);\n    }\n",
    # a check of the data in reach, or of the role being edited, is not the caller's permission
    "    @PostMapping(\"/{id}/pin\")\n    public Result pin(@PathVariable long id) {\n"
    "        shelves.checkDataScope(id);\n        roles.checkRoleAllowed(id);\n        return shelves.pin(id);\n"
    "    }\n",
    # a check named for the data, not for a permission, authorizes nothing
    "    @PostMapping(\"/{id}/pin\")\n    public Result pin(@PathVariable long id) {\n"
    "        checkNameUnique(id);\n        if (id < 0) {\n            throw new IllegalArgumentException(\"id\");\n"
    "        }\n        return shelves.pin(id);\n    }\n",
    "    @PostMapping(\"/all\")\n    public Result listing() {\n        return shelves.all();\n    }\n",
    # `Current` starts a word; inside `concurrency` it does not
    "    @PutMapping(\"/concurrency\")\n    public Result limit(@RequestBody Limit limit) {\n"
    "        return shelves.limit(limit);\n    }\n",
])
def test_the_same_handler_without_those_signs_is_reported(odd: str) -> None:
    assert _java(odd) == {JAVA}


def _nest(odd: str) -> str:
    return ("@Controller('/inbox')\nexport class InboxController {\n"
            "  @UseGuards(JwtAuthGuard)\n  @Get('/items')\n  list() {\n    return this.items.list();\n  }\n\n"
            "  @UseGuards(JwtAuthGuard)\n  @Post('/items')\n  add(@Body() body: ItemDto) {\n"
            "    return this.items.add(body);\n  }\n\n"
            "  @UseGuards(JwtAuthGuard)\n  @Delete('/items/:id')\n  remove(@Param('id') id: string) {\n"
            "    return this.items.remove(id);\n  }\n\n"
            f"{odd}}}\n")


@pytest.mark.parametrize(("odd", "expected"), [
    # a POST to the sessions endpoint is a sign-in; revoking one session by id is not
    ("  @Post('/session')\n  start(@Body() body: StartDto) {\n    return this.sessions.start(body);\n  }\n", set()),
    ("  @Post('/session/initialize')\n  start(@Body() body: StartDto) {\n    return this.sessions.start(body);\n"
     "  }\n", set()),
    ("  @Post('/sessions/:id/revoke')\n  revoke(@Param('id') id: string) {\n    return this.sessions.revoke(id);\n"
     "  }\n", {JS}),
    # shut outside tests by its first statement (the return type's braces are not the body)
    ("  @Post('/reset-db')\n  async wipe(@Body() body: WipeDto): Promise<{ ok: boolean }> {\n"
     "    if (process.env.NODE_ENV !== 'test') throw new NotFoundException();\n    await this.db.wipe();\n"
     "    return { ok: true };\n  }\n", set()),
    ("  @Post('/wipe')\n  async wipe(@Body() body: WipeDto): Promise<{ ok: boolean }> {\n    await this.db.wipe();\n"
     "    if (process.env.NODE_ENV !== 'test') throw new NotFoundException();\n    return { ok: true };\n  }\n",
     {JS}),
    # a parameter decorator that hands the handler its caller
    ("  @Post('/items/:id/star')\n  star(@Param('id') id: string, @CurrentUser() user: User) {\n"
     "    return this.items.star(id, user.id);\n  }\n", set()),
    ("  @Post('/items/:id/star')\n  star(@Param('id') id: string, @Body() body: StarDto) {\n"
     "    return this.items.star(id, body.userId);\n  }\n", {JS}),
])
def test_nest_handlers(odd: str, expected: set[str]) -> None:
    assert findings_for_snippet("inbox.controller.ts", _nest(odd)) & {JS} == expected


@pytest.mark.parametrize(("route", "expected"), [
    ("router.post('/orders/search', searchOrders);\n", set()),
    ("router.post('/orders/export', exportOrders);\n", {JS}),
])
def test_express_post_to_a_read_path(route: str, expected: set[str]) -> None:
    text = ("const router = express.Router();\nrouter.post('/orders', requireAuth, create);\n"
            "router.put('/orders/:id', requireAuth, update);\nrouter.delete('/orders/:id', requireAuth, drop);\n"
            + route)
    assert findings_for_snippet("orders.js", text) & {JS} == expected


def test_handler_text_reads_a_long_signature_and_the_body() -> None:
    text = ("class A {\n  public Result pin(@PathVariable long id,\n"
            "                    @RequestParam(defaultValue = \"x\") String mode) throws IOException {\n"
            "    if (id > 0) {\n      return ok(id);\n    }\n    return none();\n  }\n}\n")
    handler = handler_text(context_for_text("A.java", text), 2, "pin")
    assert handler is not None
    assert handler.params.startswith("pin(@PathVariable long id,")
    assert handler.params.rstrip().endswith("throws IOException")
    assert handler.body.startswith("{") and handler.body.rstrip().endswith("}")
    assert "return none();" in handler.body


def _hunk(body: str) -> str:
    return ("diff --git a/S.java b/S.java\n--- a/S.java\n+++ b/S.java\n"
            f"@@ -1,2 +1,{len(body.splitlines()) + 2} @@\n class S {{\n"
            + "".join(f"+{line}\n" for line in body.splitlines()) + " }\n")


def test_a_body_cut_off_by_the_hunk_says_nothing() -> None:
    """Only the first lines of the body are known: whether it reads the caller further down is unknown, so
    the handler is judged on its annotations alone."""
    whole = "  public Result pin(long id) {\n    audit(id);\n    return ok(id);\n  }"
    (known,) = list(parse_diff(_hunk(whole)))
    handler = handler_text(build_context(known, None), 2, "pin")
    assert handler is not None and "return ok(id);" in handler.body
    cut = ("diff --git a/S.java b/S.java\n--- a/S.java\n+++ b/S.java\n@@ -1,3 +1,4 @@\n"
           " class S {\n+  public Result pin(long id) {\n     audit(id);\n     step();\n")
    (partial,) = list(parse_diff(cut))
    assert handler_text(build_context(partial, None), 2, "pin") is None
