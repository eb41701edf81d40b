"""JS-LOOKUP-NULL-DEREF: a single-record lookup's result read as if the record always exists."""

from __future__ import annotations

import pytest

from persona_review.checks.runner import run_checks
from persona_review.contexts import build_context, context_for_text
from persona_review.diff import parse_diff

RULE = "JS-LOOKUP-NULL-DEREF"


def _found(text: str, path: str = "src/routes/users.ts") -> list[tuple[int, int | None]]:
    return sorted((f.line or 0, f.end_line) for f in run_checks([context_for_text(path, text)]).findings
                  if f.rule_id == RULE)


_EXPRESS_PRISMA = """router.get('/users/:id', async (req, res) => {
  const user = await prisma.user.findUnique({ where: { id: req.params.id } });
  res.json({ email: user.email, name: user.name });
});
"""

_NEST_SERVICE = """@Injectable()
export class CollectionService {
  async getParent(collectionID: string) {
    const collection = await this.prisma.collection.findUnique({
      where: { id: collectionID },
      include: { parent: true },
    });

    return collection.parent;
  }
}
"""

_MONGOOSE = """exports.getPost = async (req, res) => {
  const post = await Post.findById(req.params.postId).lean();
  post.views += 1;
  res.render('post', { post });
};
"""

_TYPEORM = """export class OrderController {
  async show(req: Request, res: Response) {
    const order = await this.orders.findOneBy({ id: Number(req.params.id) });
    return res.json(order.items);
  }
}
"""

_SEQUELIZE_DESTRUCTURE = """app.get('/api/keys/:key', async (req, res) => {
  const { owner } = await ApiKey.findOne({ where: { key: req.params.key } });
  res.json(owner);
});
"""


@pytest.mark.parametrize(("text", "span"), [
    (_EXPRESS_PRISMA, (2, 3)), (_NEST_SERVICE, (4, 9)), (_MONGOOSE, (2, 3)), (_TYPEORM, (3, 4)),
    (_SEQUELIZE_DESTRUCTURE, (2, None)),
])
def test_lookup_result_read_without_a_null_check_is_reported(text: str, span: tuple[int, int | None]) -> None:
    assert _found(text) == [span]


@pytest.mark.parametrize("text", [
    # a null test first
    _EXPRESS_PRISMA.replace("  res.json(", "  if (!user) return res.status(404).end();\n  res.json("),
    _NEST_SERVICE.replace("    return collection.parent;",
                          "    if (!collection) throw new NotFoundException();\n    return collection.parent;"),
    _EXPRESS_PRISMA.replace("user.email, name", "user?.email, name"),
    _EXPRESS_PRISMA.replace("{ email: user.email", "user && { email: user.email"),
    _TYPEORM.replace("order.items", "order!.items"),
    # throwing variants and fallbacks
    _EXPRESS_PRISMA.replace("findUnique(", "findUniqueOrThrow("),
    _MONGOOSE.replace(".lean()", ".orFail()"),
    _SEQUELIZE_DESTRUCTURE.replace("} });", "} }) ?? {};"),
    # the result is handed to a function first
    _MONGOOSE.replace("  post.views += 1;\n", "  assertFound(post);\n  post.views += 1;\n"),
    # a key the server holds: the signed-in user's own record
    _EXPRESS_PRISMA.replace("req.params.id", "req.user.id"),
    # the lookup sits in a try whose catch answers
    "router.get('/a/:id', async (req, res) => {\n  try {\n"
    "    const a = await prisma.a.findUnique({ where: { id: req.params.id } });\n    res.json(a.body);\n"
    "  } catch (e) {\n    res.status(404).end();\n  }\n});\n",
    # a list lookup is never null
    _EXPRESS_PRISMA.replace("findUnique", "findMany"),
])
def test_checked_or_guarded_lookups_are_quiet(text: str) -> None:
    assert _found(text) == []


def test_test_files_are_quiet() -> None:
    assert _found(_EXPRESS_PRISMA, "src/routes/users.spec.ts") == []


def test_a_hunk_that_adds_the_read_is_reported_on_it() -> None:
    diff = (
        "diff --git a/src/routes/users.js b/src/routes/users.js\n--- a/src/routes/users.js\n"
        "+++ b/src/routes/users.js\n@@ -4,5 +4,4 @@ const router = express.Router();\n"
        " router.get('/users/:id', async (req, res) => {\n"
        "   const user = await User.findByPk(req.params.id);\n"
        "-  if (!user) return res.sendStatus(404);\n"
        "-  res.json({ email: user.email });\n"
        "+  res.json({ email: user.email, plan: user.plan });\n"
        " });\n"
    )
    contexts = [build_context(f) for f in parse_diff(diff).files]
    found = [f for f in run_checks(contexts).findings if f.rule_id == RULE]
    assert [(f.line, f.end_line) for f in found] == [(6, None)]
