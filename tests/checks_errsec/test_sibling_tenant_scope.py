"""PY-LOOKUP-NOT-CALLER-SCOPED and JS-LOOKUP-IGNORES-CALLER, sibling shape: a record loaded by its id alone where the file's other lookups of the
same model also filter by the caller's tenant or owner; handlers that scope, compare the owner themselves,
or files whose lookups are not scoped at all stay quiet."""

from __future__ import annotations

from persona_review.checks.runner import run_checks
from persona_review.config import opt_in_ids
from persona_review.contexts import context_for_text

from .helpers import CATEGORIES

PY_RULE = "PY-LOOKUP-NOT-CALLER-SCOPED"
JS_RULE = "JS-LOOKUP-IGNORES-CALLER"


def _lines(path: str, text: str, rule: str) -> list[int]:
    outcome = run_checks([context_for_text(path, text)], categories=CATEGORIES, enabled=opt_in_ids())
    return sorted(f.line or 0 for f in outcome.findings if f.rule_id == rule)


def _at(text: str, marker: str) -> int:
    return next(no for no, line in enumerate(text.splitlines(), start=1) if marker in line)


DJANGO_VIEWS = """from django.http import FileResponse, JsonResponse
from django.views.decorators.http import require_GET

from .models import Document


@require_GET
def document_detail(request, doc_id):
    doc = Document.objects.get(pk=doc_id, owner=request.user)
    return JsonResponse(doc.as_dict())


@require_GET
def document_file(request, doc_id):
    doc = Document.objects.get(pk=doc_id)  # HERE
    return FileResponse(doc.file.open("rb"))


def document_delete(request, doc_id):
    Document.objects.filter(pk=doc_id, owner=request.user).delete()
    return JsonResponse({"ok": True})
"""
DJANGO_PATH = "docs/views.py"


def test_a_django_view_that_drops_the_owner_filter_its_siblings_use_is_reported() -> None:
    assert _lines(DJANGO_PATH, DJANGO_VIEWS, PY_RULE) == [_at(DJANGO_VIEWS, "# HERE")]


def test_a_ninja_route_with_get_object_or_404_and_the_workspace_filter_missing_is_reported() -> None:
    text = """from django.shortcuts import get_object_or_404
from ninja import Router

from .models import Board

router = Router()


@router.get("/{board_id}")
def board(request, board_id: int):
    return get_object_or_404(Board, id=board_id, workspace=request.auth.workspace)


@router.post("/{board_id}/archive")
def archive_board(request, board_id: int):
    board = get_object_or_404(Board, id=board_id)  # HERE
    board.archived = True
    board.save()
    return {"archived": True}
"""
    assert _lines("boards/api.py", text, PY_RULE) == [_at(text, "# HERE")]


def test_python_views_that_scope_or_compare_the_owner_are_quiet() -> None:
    scoped = DJANGO_VIEWS.replace("Document.objects.get(pk=doc_id)  # HERE",
                                  "Document.objects.get(pk=doc_id, owner=request.user)")
    assert _lines(DJANGO_PATH, scoped, PY_RULE) == []
    compared = DJANGO_VIEWS.replace(
        "    return FileResponse(doc.file.open(\"rb\"))\n",
        "    if doc.owner_id != request.user.id:\n        raise Http404\n    return FileResponse(doc.file.open(\"rb\"))\n",
        1,
    )
    assert _lines(DJANGO_PATH, compared, PY_RULE) == []


def test_a_file_whose_lookups_are_not_all_scoped_is_quiet() -> None:
    text = DJANGO_VIEWS.replace("Document.objects.filter(pk=doc_id, owner=request.user).delete()",
                                "Document.objects.filter(pk=doc_id).delete()")
    assert _lines(DJANGO_PATH, text, PY_RULE) == []


EXPRESS_PRISMA = """const express = require("express");
const { prisma } = require("../db");

const router = express.Router();

router.get("/projects/:id", requireAuth, async (req, res) => {
  const project = await prisma.project.findFirst({ where: { id: req.params.id, ownerId: req.user.id } });
  if (!project) return res.sendStatus(404);
  res.json(project);
});

router.get("/projects/:id/export", requireAuth, async (req, res) => {
  const project = await prisma.project.findUnique({ where: { id: req.params.id } });  // HERE
  if (!project) return res.sendStatus(404);
  res.json({ name: project.name, tasks: project.tasks });
});

module.exports = router;
"""
EXPRESS_PATH = "src/routes/projects.js"


def test_a_prisma_lookup_that_drops_the_owner_filter_its_siblings_use_is_reported() -> None:
    assert _lines(EXPRESS_PATH, EXPRESS_PRISMA, JS_RULE) == [_at(EXPRESS_PRISMA, "// HERE")]


def test_a_trpc_style_delete_without_the_org_filter_is_reported() -> None:
    text = """export const notesRouter = router({
  get: orgProcedure.input(z.object({ id: z.string() })).query(async ({ ctx, input }) => {
    return ctx.db.note.findFirst({ where: { id: input.id, orgId: ctx.org.id } });
  }),
  remove: orgProcedure.input(z.object({ id: z.string() })).mutation(async ({ ctx, input }) => {
    await ctx.db.note.delete({ where: { id: input.id } });  // HERE
    return { ok: true };
  }),
});
"""
    assert _lines("src/server/routers/notes.ts", text, JS_RULE) == [_at(text, "// HERE")]


def test_prisma_handlers_that_scope_or_compare_the_owner_are_quiet() -> None:
    scoped = EXPRESS_PRISMA.replace("{ where: { id: req.params.id } }",
                                    "{ where: { id: req.params.id, ownerId: req.user.id } }")
    assert _lines(EXPRESS_PATH, scoped, JS_RULE) == []
    compared = EXPRESS_PRISMA.replace(
        "  if (!project) return res.sendStatus(404);\n  res.json({",
        "  if (!project || project.ownerId !== req.user.id) return res.sendStatus(404);\n  res.json({")
    assert _lines(EXPRESS_PATH, compared, JS_RULE) == []
    # another model (and a route without the auth middleware, which the handed-the-caller shape reads)
    other_model = EXPRESS_PRISMA.replace("prisma.project.findUnique", "prisma.template.findUnique").replace(
        '"/projects/:id/export", requireAuth, ', '"/projects/:id/export", ')
    assert _lines(EXPRESS_PATH, other_model, JS_RULE) == []


SCOPED_VIEW = """from django.shortcuts import get_object_or_404
from rest_framework.response import Response
from rest_framework.views import APIView

from .models import Device
from .serializers import DeviceSerializer


class DeviceDetail(APIView):
    def _devices(self, request):
        return Device.objects.filter(fleet__account=request.auth.account)

    def get(self, request, serial):
        device = get_object_or_404(self._devices(request), serial=serial)
        return Response(DeviceSerializer(device).data)

    def put(self, request, serial):
        device = {LOOKUP}
        device.label = request.data["label"]
        device.save()
        return Response(DeviceSerializer(device).data)

    def delete(self, request, serial):
        self._devices(request).get(serial=serial).delete()
        return Response(status=204)
"""


def test_a_handler_that_skips_the_views_scoped_queryset_its_siblings_use_is_reported() -> None:
    text = SCOPED_VIEW.replace("{LOOKUP}", "get_object_or_404(Device, serial=serial)")
    assert _lines("fleet/views.py", text, PY_RULE) == [_at(text, "get_object_or_404(Device, serial")]
    through_manager = SCOPED_VIEW.replace("{LOOKUP}", "Device.objects.get(serial=serial)")
    assert _lines("fleet/views.py", through_manager, PY_RULE) == [_at(through_manager, "Device.objects.get")]


def test_handlers_that_all_use_the_scoped_queryset_or_check_the_caller_stay_quiet() -> None:
    scoped = SCOPED_VIEW.replace("{LOOKUP}", "get_object_or_404(self._devices(request), serial=serial)")
    assert _lines("fleet/views.py", scoped, PY_RULE) == []
    owner_checked = SCOPED_VIEW.replace(
        "{LOOKUP}", "get_object_or_404(Device, serial=serial, fleet__account=request.auth.account)")
    assert _lines("fleet/views.py", owner_checked, PY_RULE) == []


def test_a_direct_lookup_by_another_key_or_where_siblings_also_go_direct_stays_quiet() -> None:
    other_key = SCOPED_VIEW.replace("{LOOKUP}", "get_object_or_404(Device, pk=request.data['pk'])")
    assert _lines("fleet/views.py", other_key, PY_RULE) == []
    sibling_direct = SCOPED_VIEW.replace("{LOOKUP}", "get_object_or_404(Device, serial=serial)").replace(
        "self._devices(request).get(serial=serial).delete()", "Device.objects.get(serial=serial).delete()")
    assert _lines("fleet/views.py", sibling_direct, PY_RULE) == []
