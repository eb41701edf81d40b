"""JS-LOOKUP-IGNORES-CALLER: a NestJS handler handed the caller (`@CurrentUser()` and the like) or an Express
route behind an authentication middleware, that loads a record by the route's id alone and never mentions
the caller, is reported on the lookup; a query or check that uses the caller, a policy or role check, a
route with no authentication and a lookup with more than the id are quiet."""

from __future__ import annotations

import pytest

from .helpers import findings_of

RULE = "JS-LOOKUP-IGNORES-CALLER"


def _express(middleware: str, body: str) -> list[int]:
    text = (
        "const router = require('express').Router();\n"
        f"router.patch('/projects/:projectId', {middleware}async (req, res, next) => {{\n"
        "  try {\n"
        f"{body}\n"
        "    res.json(project);\n"
        "  } catch (err) {\n"
        "    next(err);\n"
        "  }\n"
        "});\n"
        "module.exports = router;\n"
    )
    return sorted(line for line, rule in findings_of("src/routes/projects.js", text) if rule == RULE)


@pytest.mark.parametrize(
    "body",
    [
        "    const project = await Project.findByPk(req.params.projectId);\n"
        "    await project.update({ name: String(req.body.name) });",
        "    const { projectId } = req.params;\n"
        "    const project = await prisma.project.update({ where: { id: projectId }, data: { name: '' } });\n"
        "    const again = await prisma.project.findUniqueOrThrow({ where: { id: projectId } });",
    ],
)
def test_an_authenticated_route_loading_by_id_alone_is_reported(body: str) -> None:
    assert len(_express("authenticate, ", body)) == 1


@pytest.mark.parametrize(
    ("middleware", "body"),
    [
        ("authenticate, ", "    const project = await prisma.project.findFirst({ where: { id: req.params.projectId, "
                           "ownerId: req.user.id } });"),
        ("authenticate, ", "    const project = await Project.findByPk(req.params.projectId);\n"
                           "    if (project.teamId !== res.locals.user.teamId) return res.sendStatus(404);"),
        ("authenticate, ", "    const project = await Project.findByPk(req.params.projectId);\n"
                           "    authorize(project, 'update');"),
        ("", "    const project = await Project.findByPk(req.params.projectId);"),
        ("authenticate, ", "    const project = await Project.findOne({ where: { id: req.params.projectId, "
                           "archived: false } });"),
    ],
)
def test_the_caller_a_policy_no_authentication_or_a_wider_filter_is_quiet(middleware: str, body: str) -> None:
    assert _express(middleware, body) == []
