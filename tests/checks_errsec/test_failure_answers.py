"""Failures told to the client (or the caller) as something else: an error body answered 200, a failed
call answered 2xx, a catch-all exception handler answering 4xx, a validation result ignored, a missing
record thrown as a plain Error in Nest, a process that keeps running after an uncaught exception, and an
async interval body without error handling. Each fires on realistic code and stays quiet on its safe
forms, whole files and hunks alike."""

from __future__ import annotations

from persona_review.checks.runner import run_checks
from persona_review.contexts import build_context, context_for_text
from persona_review.diff import parse_diff

from .helpers import findings_of


def _lines(path: str, text: str, rule: str) -> list[int]:
    return sorted(line for line, found in findings_of(path, text) if found == rule)


def _hunk_lines(diff: str, rule: str) -> list[int]:
    outcome = run_checks([build_context(f) for f in parse_diff(diff.encode())])
    return sorted(f.line for f in outcome.findings if f.rule_id == rule and f.line is not None)


# --- PY-ERROR-ANSWERED-OK ---------------------------------------------------------------------------

_DJANGO = '''from django.http import JsonResponse
from rest_framework.response import Response
from rest_framework import status


def order_status(request, order_id):
    try:
        order = Order.objects.get(pk=order_id)
    except Order.DoesNotExist:
        return JsonResponse({"error": "order not found"})
    return JsonResponse({"id": order.pk})


class Refund(APIView):
    def post(self, request, pk):
        try:
            refund = self.service.refund(pk)
        except PaymentError as exc:
            if exc.retryable:
                return Response({"detail": "try again later"})
            return Response({"detail": str(exc)}, status=status.HTTP_502_BAD_GATEWAY)
        return Response({"id": refund.id})


def lookup(request):
    try:
        user = User.objects.get(email=request.GET["email"])
    except User.DoesNotExist:
        return JsonResponse({"error": "no such user"}, status=404)
    except KeyError:
        return JsonResponse(
            {"error": "email is required"},
            status=400,
        )
    return JsonResponse({"id": user.pk})


@bp.post("/import")
def import_rows():
    try:
        count = importer.run(request.files["file"])
    except ImportFailed as exc:
        return jsonify(error=str(exc))
    except ValueError:
        return jsonify({"error": "bad file"}), 400
    return jsonify(count=count)


def report(request):
    try:
        data = build_report()
    except Exception:
        logger.exception("report failed")
        return JsonResponse({"status": "pending"})
    return JsonResponse(data)


def not_in_except(request):
    if not request.user.is_staff:
        return JsonResponse({"error": "forbidden"})
    return JsonResponse({})
'''


def test_python_error_body_without_status_in_except_is_reported() -> None:
    assert _lines("orders/views.py", _DJANGO, "PY-ERROR-ANSWERED-OK") == [10, 20, 43]


def test_python_error_answer_in_a_hunk_is_reported_on_the_added_line() -> None:
    diff = """diff --git a/orders/views.py b/orders/views.py
--- a/orders/views.py
+++ b/orders/views.py
@@ -40,3 +40,6 @@ def cancel(request, pk):
     order = get_order(request, pk)
-    order.cancel()
+    try:
+        order.cancel()
+    except OrderLocked:
+        return JsonResponse({"error": "order is locked"})
     return JsonResponse({"ok": True})
"""
    assert _hunk_lines(diff, "PY-ERROR-ANSWERED-OK") == [44]


# --- PY-IS-VALID-IGNORED ----------------------------------------------------------------------------

_DRF = '''class AddressViewSet(viewsets.ModelViewSet):
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid()
        address = serializer.save(owner=request.user)
        return Response(self.get_serializer(address).data, status=201)

    def update(self, request, *args, **kwargs):
        serializer = self.get_serializer(self.get_object(), data=request.data)
        serializer.is_valid(raise_exception=True)
        serializer.save()
        return Response(serializer.data)

    def partial(self, request):
        serializer = PatchSerializer(data=request.data)
        if not serializer.is_valid():
            return Response(serializer.errors, status=400)
        serializer.save()
        return Response(serializer.data)


def contact(request):
    form = ContactForm(request.POST)
    form.is_valid()
    send_mail(form.cleaned_data["subject"], form.cleaned_data["body"])
    return redirect("thanks")


def preview(request):
    form = ContactForm(request.POST)
    form.is_valid()
    if form.errors:
        return render(request, "contact.html", {"form": form})
    return render(request, "preview.html", {"data": form.cleaned_data})


def warm(request):
    serializer = Warmup(data=request.data)
    serializer.is_valid()
    return Response({})
'''


def test_validation_result_ignored_is_reported_when_the_data_is_used() -> None:
    assert _lines("accounts/api/views.py", _DRF, "PY-IS-VALID-IGNORED") == [4, 24]


# --- GO-ERROR-ANSWERED-OK ---------------------------------------------------------------------------

_GO = '''package http

func (h *Orders) Cancel(c echo.Context) error {
	id := c.Param("id")
	if err := h.svc.Cancel(c.Request().Context(), id); err != nil {
		c.Logger().Errorf("cancel order %s: %v", id, err)
		return c.NoContent(http.StatusNoContent)
	}
	return c.NoContent(http.StatusNoContent)
}

func (h *Handler) Create(c *gin.Context) {
	item, err := h.store.Create(c, req)
	if err != nil {
		c.JSON(http.StatusOK, gin.H{"error": err.Error()})
		return
	}
	c.JSON(http.StatusCreated, item)
}

func (h *Handler) Legacy(c *gin.Context) {
	item, err := h.store.Get(c, id)
	if err != nil {
		c.JSON(http.StatusOK, gin.H{"code": 500, "msg": err.Error()})
		return
	}
	c.JSON(http.StatusOK, item)
}

func (h *Handler) Delete(w http.ResponseWriter, r *http.Request) {
	if err := h.store.Delete(r.Context(), id); err != nil {
		if errors.Is(err, store.ErrNotFound) {
			w.WriteHeader(http.StatusNoContent)
			return
		}
		http.Error(w, "delete failed", http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (h *Handler) Ping(w http.ResponseWriter, r *http.Request) {
	if err := h.db.Ping(); err != nil {
		log.Printf("ping: %v", err)
		w.WriteHeader(http.StatusOK)
	}
}

func (h *Handler) Check(w http.ResponseWriter, r *http.Request) {
	if err := h.db.Ping(); errors.Is(err, sql.ErrNoRows) {
		w.WriteHeader(http.StatusOK)
	}
}
'''


def test_go_failed_call_answered_with_success_is_reported() -> None:
    assert _lines("internal/http/orders.go", _GO, "GO-ERROR-ANSWERED-OK") == [7, 15, 45]


def test_go_failed_call_answered_with_success_in_a_hunk() -> None:
    diff = """diff --git a/internal/api/users.go b/internal/api/users.go
--- a/internal/api/users.go
+++ b/internal/api/users.go
@@ -30,3 +30,7 @@ func (a *API) Suspend(c echo.Context) error {
 \tid := c.Param("id")
-\treturn a.users.Suspend(c.Request().Context(), id)
+\tif err := a.users.Suspend(c.Request().Context(), id); err != nil {
+\t\ta.log.Error("suspend", "err", err)
+\t\treturn c.JSON(http.StatusOK, map[string]string{"error": err.Error()})
+\t}
+\treturn c.NoContent(http.StatusNoContent)
 }
"""
    assert _hunk_lines(diff, "GO-ERROR-ANSWERED-OK") == [33]


# --- JAVA-CATCH-ALL-CLIENT-STATUS -------------------------------------------------------------------

_JAVA = '''@RestControllerAdvice
public class ApiErrors {

    @ExceptionHandler(Exception.class)
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    public ErrorBody any(Exception e) {
        log.error("request failed", e);
        return new ErrorBody("request_failed", "The request could not be processed.");
    }

    @ExceptionHandler({IllegalStateException.class, RuntimeException.class})
    public ResponseEntity<ErrorBody> runtime(RuntimeException e) {
        return ResponseEntity.badRequest().body(new ErrorBody("bad", "request failed"));
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    public ErrorBody invalid(MethodArgumentNotValidException e) {
        return new ErrorBody("invalid", "Some fields are invalid.");
    }

    @ExceptionHandler(Throwable.class)
    @ResponseStatus(HttpStatus.INTERNAL_SERVER_ERROR)
    public ErrorBody fatal(Throwable e) {
        return new ErrorBody("internal", "Something went wrong.");
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<ErrorBody> mapped(Exception e) {
        if (e instanceof ValidationException) {
            return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(new ErrorBody("invalid", ""));
        }
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(new ErrorBody("internal", ""));
    }
}
'''


def test_catch_all_exception_handler_answering_4xx_is_reported() -> None:
    found = sorted(
        (f.line, f.end_line)
        for f in run_checks([context_for_text("src/main/java/com/acme/web/ApiErrors.java", _JAVA)]).findings
        if f.rule_id == "JAVA-CATCH-ALL-CLIENT-STATUS"
    )
    assert found == [(4, 5), (11, 13)]


# --- JS-ERROR-ANSWERED-OK ---------------------------------------------------------------------------

_EXPRESS = '''router.post('/orders', async (req, res) => {
  try {
    const order = await orders.create(req.body);
    res.status(201).json(order);
  } catch (err) {
    logger.error({ err }, 'create order failed');
    res.json({ error: 'could not create the order' });
  }
});

router.get('/orders/:id', async (req, res) => {
  try {
    res.json(await orders.get(req.params.id));
  } catch (err) {
    res.status(404);
    res.json({ error: 'not found' });
  }
});

router.delete('/orders/:id', async (req, res) => {
  try {
    await orders.remove(req.params.id);
    res.sendStatus(204);
  } catch (err) {
    return res.status(500).json({ error: err.message });
  }
});

fastify.post('/import', async (request, reply) => {
  try {
    return await importer.run(request.body);
  } catch (e) {
    return reply.send({ error: 'import failed' });
  }
});

router.get('/legacy/:id', (req, res) => {
  Legacy.findById(req.params.id, (err, doc) => {
    if (err) {
      return res.json({ error: 'lookup failed' });
    }
    if (!doc) {
      return res.json({ error: 'not found' });
    }
    res.json(doc);
  });
});

router.get('/legacy2/:id', (req, res) => {
  Legacy.findById(req.params.id, (err, doc) => {
    if (err) {
      return res.status(500).json({ error: 'lookup failed' });
    }
    res.json(doc);
  });
});

async function load() {
  try {
    return await fetchAll();
  } catch (err) {
    return { error: String(err) };
  }
}
'''


def test_js_error_body_without_status_in_catch_is_reported() -> None:
    assert _lines("src/routes/orders.js", _EXPRESS, "JS-ERROR-ANSWERED-OK") == [7, 33, 40]


# --- JS-NEST-NOT-FOUND-PLAIN-ERROR ------------------------------------------------------------------

_NEST = '''import { Injectable, NotFoundException } from '@nestjs/common';

@Injectable()
export class TeamsService {
  async findOne(teamId: string): Promise<Team> {
    const team = await this.teams.findOne({ where: { id: teamId } });
    if (!team) {
      throw new Error(`team ${teamId} not found`);
    }
    return team;
  }

  async member(id: string) {
    const member = await this.prisma.member.findUnique({ where: { id } });
    if (member === null) throw new Error('member not found');
    return member;
  }

  async project(id: string) {
    const project = await this.projects.findOneBy({ id });
    if (!project) {
      throw new NotFoundException(`project ${id} not found`);
    }
    return project;
  }

  async config() {
    const config = this.loadConfig();
    if (!config) {
      throw new Error('configuration missing');
    }
    return config;
  }
}
'''


def test_nest_missing_record_thrown_as_plain_error_is_reported() -> None:
    assert _lines("src/teams/teams.service.ts", _NEST, "JS-NEST-NOT-FOUND-PLAIN-ERROR") == [8, 15]


def test_plain_error_outside_nest_is_left_alone() -> None:
    plain = _NEST.replace("@Injectable()\n", "").replace("'@nestjs/common'", "'./errors'")
    assert _lines("src/teams/teams.ts", plain, "JS-NEST-NOT-FOUND-PLAIN-ERROR") == []


def test_nest_plain_error_in_a_service_hunk_is_reported() -> None:
    diff = """diff --git a/src/teams/teams.service.ts b/src/teams/teams.service.ts
--- a/src/teams/teams.service.ts
+++ b/src/teams/teams.service.ts
@@ -27,4 +27,7 @@ export class TeamsService {
   async findOne(teamId: string, userId: string): Promise<Team> {
     const team = await this.teams.findOne({ where: { id: teamId }, relations: ['members'] });
+    if (!team || !team.members.some((m) => m.userId === userId)) {
+      throw new Error(`team ${teamId} not found`);
+    }
     return team;
   }
"""
    assert _hunk_lines(diff, "JS-NEST-NOT-FOUND-PLAIN-ERROR") == [30]


# --- JS-UNCAUGHT-KEEPS-RUNNING and JS-ASYNC-INTERVAL-UNGUARDED --------------------------------------

_PROCESS = '''const logger = require('./logger');

process.on('uncaughtException', (err) => {
  logger.error({ err }, 'uncaught exception');
});

process.on("uncaughtException", function (error) {
  console.error('fatal', error);
  Sentry.captureException(error);
});

process.on('uncaughtException', (err) => {
  logger.fatal({ err }, 'uncaught exception');
  process.exit(1);
});

process.on('uncaughtException', async (err) => {
  logger.error(err);
  await gracefulShutdown();
});

process.on('unhandledRejection', (reason) => {
  logger.warn({ reason }, 'unhandled rejection');
});

setInterval(async () => {
  const changed = await warehouse.changedSince(lastRun);
  await inventory.apply(changed);
}, 60_000);

setInterval(async () => {
  try {
    await sweep();
  } catch (err) {
    logger.error(err);
  }
}, 5000);

setInterval(async function () {
  await refresh().catch((err) => logger.warn(err));
}, 1000);

setInterval(() => {
  metrics.flush();
}, 1000);
'''


def test_uncaught_exception_handler_that_only_logs_is_reported() -> None:
    assert _lines("src/worker/index.js", _PROCESS, "JS-UNCAUGHT-KEEPS-RUNNING") == [3, 7]


def test_async_interval_without_error_handling_is_reported() -> None:
    assert _lines("src/worker/index.js", _PROCESS, "JS-ASYNC-INTERVAL-UNGUARDED") == [26]


def test_go_success_answer_explained_by_a_comment_is_left_alone() -> None:
    code = """package apis

func requestReset(e *core.RequestEvent) error {
	record, err := e.App.FindAuthRecordByEmail(collection, form.Email)
	if err != nil {
		// answer 204 either way, so the endpoint does not tell which emails have accounts
		e.NoContent(http.StatusNoContent)
		return fmt.Errorf("find %s: %w", form.Email, err)
	}
	return send(record)
}

func auth(c *gin.Context) {
	if err != nil {
		c.JSON(200, serializer.ErrWithDetails(c, serializer.CodeCredentialInvalid, err.Error(), err))
		c.Abort()
		return
	}
}
"""
    assert _lines("apis/reset.go", code, "GO-ERROR-ANSWERED-OK") == []


def test_ignored_validation_explained_by_a_comment_is_left_alone() -> None:
    code = '''def send_bulk_delete(self, request):
    job_form = BulkDelete.as_form(data={**self.key_params})
    # this form is built from our own parameters and cannot be invalid
    job_form.is_valid()
    return enqueue(job_form.cleaned_data)
'''
    assert _lines("app/views.py", code, "PY-IS-VALID-IGNORED") == []


# --- PY-JSON-FIELD-KEYERROR -------------------------------------------------------------------------

_FLASK = '''from flask import Blueprint, jsonify, request

bp = Blueprint("auth", __name__)


@bp.post("/signup")
def signup():
    data = request.get_json(silent=True) or {}
    email = data["email"].strip().lower()
    password = data["password"]
    return jsonify(id=create(email, password)), 201


@bp.post("/rename")
def rename():
    name = request.json["name"]
    return jsonify(name=name)


@bp.post("/login")
def login():
    data = request.get_json()
    if "email" not in data or "password" not in data:
        return jsonify(error="email and password are required"), 400
    return jsonify(token=issue(data["email"], data["password"]))


@bp.post("/invite")
def invite():
    data = request.get_json()
    errors = InviteSchema().validate(data)
    if errors:
        return jsonify(errors=errors), 400
    return jsonify(id=send_invite(data["email"]))


@bp.post("/tags")
def tags():
    try:
        payload = request.get_json()
        tag = payload["tag"]
    except KeyError:
        return jsonify(error="tag is required"), 400
    return jsonify(tag=tag)


@bp.post("/profile")
@expects_json(PROFILE_SCHEMA)
def profile():
    data = request.get_json()
    return jsonify(name=data["name"])


@bp.patch("/users/<int:user_id>")
def patch_user(user_id):
    data = request.get_json()
    data["id"] = user_id
    if data["id"] == session["id"] and data.get("banned"):
        return jsonify(error="cannot ban yourself"), 400
    if data.get("content"):
        data["content"] = data["content"].strip()
    return jsonify(save(data))


@bp.get("/search")
def search():
    settings = load_settings()
    return jsonify(limit=settings["limit"], q=request.args.get("q"))
'''


def test_json_body_field_read_without_a_guard_is_reported_once_per_function() -> None:
    assert _lines("shop/auth/routes.py", _FLASK, "PY-JSON-FIELD-KEYERROR") == [9, 16]


def test_plain_error_in_a_worker_use_case_is_left_alone() -> None:
    code = '''import { Injectable } from '@nestjs/common';

@Injectable()
export class ExecuteBridgeJob {
  async execute(command: ExecuteBridgeJobCommand) {
    const environment = await this.environments.findOne({ _id: command.environmentId });
    if (!environment) {
      throw new Error(`environment ${command.environmentId} not found`);
    }
    if (!environment?.bridge?.url) {
      throw new Error('bridge URL is not set');
    }
    return this.run(environment);
  }
}
'''
    assert _lines("apps/worker/src/usecases/execute-bridge-job.usecase.ts", code,
                  "JS-NEST-NOT-FOUND-PLAIN-ERROR") == []
    service = code.replace("export class ExecuteBridgeJob", "export class BridgeService")
    assert _lines("src/bridge/bridge.service.ts", service, "JS-NEST-NOT-FOUND-PLAIN-ERROR") == [8]


def test_go_probe_whose_statuses_tell_outcomes_apart_is_left_alone() -> None:
    code = """package v2

func (c *API) CheckUploadChunk(ctx echo.Context) error {
	err := c.uploads.TestChunk(ctx, identifier, chunk)
	if err != nil {
		return ctx.NoContent(http.StatusNoContent)
	}
	return ctx.NoContent(http.StatusOK)
}
"""
    assert _lines("route/v2/file.go", code, "GO-ERROR-ANSWERED-OK") == []


def test_json_field_check_is_for_flask_bodies_only() -> None:
    code = '''async def start_import(request: Request) -> JSONResponse:
    payload = await request.json()
    job = await importer.create(payload["source"])
    return JSONResponse({"job": job.id}, status_code=202)
'''
    assert _lines("app/endpoints/imports.py", code, "PY-JSON-FIELD-KEYERROR") == []


def test_go_error_body_encoded_without_a_status_is_reported() -> None:
    code = """package api

func (h *Handler) Export(w http.ResponseWriter, r *http.Request) {
	rows, err := h.store.Export(r.Context())
	if err != nil {
		h.log.Error("export", "err", err)
		json.NewEncoder(w).Encode(map[string]string{"error": err.Error()})
		return
	}
	json.NewEncoder(w).Encode(rows)
}

func (h *Handler) Import(w http.ResponseWriter, r *http.Request) {
	if err := h.store.Import(r.Context(), r.Body); err != nil {
		w.WriteHeader(http.StatusBadGateway)
		json.NewEncoder(w).Encode(map[string]string{"error": err.Error()})
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
"""
    assert _lines("internal/api/export.go", code, "GO-ERROR-ANSWERED-OK") == [7]


_BROAD_EMPTY = """from rest_framework.response import Response


def search(request):
    try:
        hits = index.search(request.GET["q"])
    except:
        return Response({{"results": [], "total": 0}}{status})
    return Response({{"results": hits, "total": len(hits)}})
"""


def test_an_empty_result_answered_ok_from_a_catch_all_is_reported() -> None:
    assert _lines("search/views.py", _BROAD_EMPTY.format(status=""), "PY-ERROR-ANSWERED-OK") == [8]
    assert _lines("search/views.py", _BROAD_EMPTY.format(status=", status=200"), "PY-ERROR-ANSWERED-OK") == [8]


def test_an_empty_result_with_an_error_status_or_real_data_is_quiet() -> None:
    assert _lines("search/views.py", _BROAD_EMPTY.format(status=", status=503"), "PY-ERROR-ANSWERED-OK") == []
    text = _BROAD_EMPTY.format(status="").replace('"total": 0}', '"total": 0, "cached": cache.get("q")}')
    assert _lines("search/views.py", text, "PY-ERROR-ANSWERED-OK") == []


_FASTAPI_EMPTY = """from fastapi import APIRouter

router = APIRouter()


@router.get("/projects/{{project_id}}/activity")
async def activity(project_id: int):
    try:
        events = await feed.for_project(project_id)
    except {caught}:
        log.exception("activity failed")
        return {returned}
    return {{"events": events, "count": len(events)}}
"""


def test_a_route_returning_an_empty_literal_from_a_catch_all_is_reported() -> None:
    text = _FASTAPI_EMPTY.format(caught="Exception", returned='{"events": [], "count": 0}')
    assert _lines("app/activity.py", text, "PY-ERROR-ANSWERED-OK") == [12]


def test_a_named_exception_a_non_empty_literal_or_a_plain_function_is_quiet() -> None:
    named = _FASTAPI_EMPTY.format(caught="FeedDisabled", returned='{"events": [], "count": 0}')
    assert _lines("app/activity.py", named, "PY-ERROR-ANSWERED-OK") == []
    data = _FASTAPI_EMPTY.format(caught="Exception", returned='{"events": cached_events(project_id)}')
    assert _lines("app/activity.py", data, "PY-ERROR-ANSWERED-OK") == []
    plain = _FASTAPI_EMPTY.format(caught="Exception", returned="[]").replace(
        '@router.get("/projects/{project_id}/activity")\n', "")
    assert _lines("app/activity.py", plain, "PY-ERROR-ANSWERED-OK") == []
