"""Request and message values parsed by calls that throw on bad input, with nothing to answer 400:
PY-/JS-/JAVA-/RB-REQUEST-PARSE-UNGUARDED and GO-REQUEST-MUST-PARSE, on snippets written for these tests
(whole files and hunks without their whole function)."""

from __future__ import annotations

import pytest

from persona_review.checks.base import FileContext
from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text, detect_language


def _lines(rule: str, path: str, text: str) -> list[int]:
    findings = run_checks([context_for_text(path, text)]).findings
    return sorted(f.line or 0 for f in findings if f.rule_id == rule)


def _hunk_lines(rule: str, path: str, text: str, shown_lines: tuple[int, int]) -> list[int]:
    """Only lines first..last (1-based, inclusive) of `text` are in view, as the hunk of a diff at line 40."""
    first, last = shown_lines
    shown = text.splitlines()[first - 1:last]
    lines = {40 + i: line for i, line in enumerate(shown)}
    ctx = FileContext(path, detect_language(path), lines, frozenset(lines), whole_file=False)
    return sorted(f.line or 0 for f in run_checks([ctx]).findings if f.rule_id == rule)


# --- Python -------------------------------------------------------------------------------------------

PY = "PY-REQUEST-PARSE-UNGUARDED"

_FLASK = '''import json
import uuid
from datetime import datetime
from flask import Blueprint, jsonify, request

bp = Blueprint("reports", __name__)


@bp.get("/reports")
def list_reports():
    page = int(request.args.get("page", 1))
    since = datetime.fromisoformat(request.args["since"])
    return jsonify(Report.page(page, since))


@bp.post("/reports/<report_id>/share")
def share(report_id):
    ref = request.headers.get("X-Share-Ref")
    share_ref = uuid.UUID(ref)
    return jsonify(Report.share(report_id, share_ref))
'''


def test_python_flask_query_and_header_values_parsed_raw_are_reported() -> None:
    assert _lines(PY, "app/reports.py", _FLASK) == [11, 12, 19]


def test_python_django_body_and_get_values_are_reported() -> None:
    code = '''import json
from decimal import Decimal
from django.http import JsonResponse


def create_payment(request):
    payload = json.loads(request.body)
    amount = Decimal(request.POST.get("amount"))
    limit = float(request.GET.get("limit", "10"))
    return JsonResponse({"ok": True, "amount": str(amount), "limit": limit, "payload": payload})
'''
    assert _lines(PY, "payments/views.py", code) == [7, 8, 9]


def test_python_drf_query_params_and_a_lambda_body_are_reported() -> None:
    drf = '''from rest_framework.views import APIView
from rest_framework.response import Response


class InvoiceList(APIView):
    def get(self, request):
        year = int(request.query_params.get("year"))
        return Response(Invoice.for_year(year))
'''
    assert _lines(PY, "billing/api.py", drf) == [7]
    handler = '''import json


def handler(event, context):
    order = json.loads(event["body"])
    retries = int(event["Records"][0]["attributes"]["ApproximateReceiveCount"])
    return {"statusCode": 201, "body": json.dumps(save(order, retries))}
'''
    assert _lines(PY, "functions/orders.py", handler) == [5]


@pytest.mark.parametrize("guarded", [
    '''    try:
        page = int(request.args.get("page", 1))
    except ValueError:
        return jsonify(error="page must be a number"), 400''',
    '''    try:
        page = int(request.args.get("page", 1))
    except (TypeError, ValueError):
        abort(400)''',
    '''    raw = request.args.get("page", "1")
    if not raw.isdigit():
        abort(400)
    page = int(raw)''',
    '''    page = request.args.get("page", 1, type=int)''',
    '''    raw = request.args.get("page", "1")
    if not raw.isdigit() or int(raw) > 500:
        abort(400)''',
    '''    with contextlib.suppress(ValueError):
        page = int(request.args["page"])''',
])
def test_python_handled_or_validated_values_are_quiet(guarded: str) -> None:
    # the fifth: `isdigit()` earlier on the parse's own line, where `or` stops before `int(...)`
    code = f'''from flask import request, jsonify, abort
import contextlib


@app.get("/items")
def items():
    page = 1
{guarded}
    return jsonify(Item.page(page))
'''
    assert _lines(PY, "app/items.py", code) == []


def test_python_quiet_on_framework_validation_helpers_and_app_error_handlers() -> None:
    fastapi = '''from fastapi import APIRouter

router = APIRouter()


@router.get("/items/{item_id}")
async def read_item(item_id: int, q: str | None = None):
    return {"id": item_id, "n": int(item_id)}
'''
    assert _lines(PY, "api/items.py", fastapi) == []
    helper = '''import json


class Callback:
    @classmethod
    def load(cls, data):
        return json.loads(data.decode())


def webhook(request):
    try:
        doc = Callback.load(request.body)
    except ValueError:
        return HttpResponseBadRequest()
    return HttpResponse()
'''
    assert _lines(PY, "hooks/views.py", helper) == []
    mapped = _FLASK + '''

@bp.errorhandler(ValueError)
def bad_value(error):
    return jsonify(error=str(error)), 400
'''
    assert _lines(PY, "app/reports.py", mapped) == []
    signed = '''import json


def webhook(request):
    raw_body = request.body
    verify_signature(raw_body, request.headers["X-Signature"])
    event = json.loads(raw_body)
    return HttpResponse()
'''
    assert _lines(PY, "hooks/views.py", signed) == []
    service = '''import secrets
import uuid


async def authenticate_service(request, api_key):
    if not secrets.compare_digest(api_key, service_key()):
        raise Unauthorized()
    return uuid.UUID(request.headers["x-role-user-id"])
'''
    assert _lines(PY, "auth/credentials.py", service) == []


def test_python_hunk_inside_a_try_above_it_is_quiet_and_a_whole_function_is_reported() -> None:
    code = '''from flask import request, jsonify


@app.get("/items")
def items():
    try:
        page = int(request.args.get("page", 1))
        size = int(request.args.get("size", 20))
    except ValueError:
        return jsonify(error="bad paging"), 400
    return jsonify(Item.page(page, size))
'''
    assert _hunk_lines(PY, "app/items.py", code, (7, 8)) == []
    assert _hunk_lines(PY, "app/reports.py", _FLASK, (9, 13)) == [42, 43]


# --- JavaScript / TypeScript ------------------------------------------------------------------------

JS = "JS-REQUEST-PARSE-UNGUARDED"

_EXPRESS = '''const express = require("express");
const router = express.Router();

router.get("/search", async (req, res) => {
  const filters = JSON.parse(req.query.filters);
  const cursor = BigInt(req.query.cursor);
  const back = new URL(req.query.returnTo);
  const name = decodeURIComponent(req.params.name);
  res.json(await search(filters, cursor, back, name));
});

module.exports = router;
'''


def test_js_express_query_and_params_parsed_raw_are_reported() -> None:
    assert _lines(JS, "src/routes/search.js", _EXPRESS) == [5, 6, 7, 8]


def test_js_consumers_nest_and_lambda_are_reported() -> None:
    kafka = '''const { Kafka } = require("kafkajs");

async function start(consumer) {
  await consumer.run({
    eachMessage: async ({ topic, partition, message }) => {
      const event = JSON.parse(message.value.toString());
      await projections.apply(event);
    },
  });
}
'''
    assert _lines(JS, "src/workers/projections.js", kafka) == [6]
    nest = '''import { Controller, Get, Query } from "@nestjs/common";

@Controller("reports")
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get()
  async list(@Query("filter") filter: string) {
    return this.reports.list(JSON.parse(filter));
  }
}
'''
    assert _lines(JS, "src/reports/reports.controller.ts", nest) == [9]
    amqp = '''channel.consume("emails", async (msg) => {
  const job = JSON.parse(msg.content.toString());
  await mailer.send(job);
  channel.ack(msg);
});
'''
    assert _lines(JS, "src/workers/mail.js", amqp) == [2]


@pytest.mark.parametrize("body", [
    '''  let filters;
  try {
    filters = JSON.parse(req.query.filters);
  } catch (err) {
    return res.status(400).json({ error: "filters must be JSON" });
  }
  res.json(await search(filters));''',
    '''  const back = new URL(req.query.returnTo, "https://app.example.com");
  res.redirect(back.pathname);''',
    '''  const url = new URL(config.baseUrl + req.url);
  res.json({ path: url.pathname });''',
    '''  const filters = JSON.parse(req.app.locals.defaultFilters);
  res.json(await search(filters));''',
])
def test_js_caught_relative_or_server_values_are_quiet(body: str) -> None:
    code = f'''router.get("/search", async (req, res) => {{
{body}
}});
'''
    assert _lines(JS, "src/routes/search.js", code) == []


def test_js_helper_given_the_request_and_a_caught_promise_chain_are_quiet() -> None:
    helper = '''async function parseFilters(req) {
  return JSON.parse(req.query.filters);
}
'''
    assert _lines(JS, "src/lib/filters.js", helper) == []
    chained = '''router.post("/import", (req, res, next) => {
  readBody(req)
    .then((text) => JSON.parse(text))
    .then((rows) => res.json(rows))
    .catch(next);
});
'''
    assert _lines(JS, "src/routes/import.js", chained) == []


def test_js_hunk_without_its_function_start_is_quiet_and_with_it_is_reported() -> None:
    assert _hunk_lines(JS, "src/routes/search.js", _EXPRESS, (5, 6)) == []
    assert _hunk_lines(JS, "src/routes/search.js", _EXPRESS, (4, 9)) == [41, 42, 43, 44]


# --- Java ---------------------------------------------------------------------------------------------

JAVA = "JAVA-REQUEST-PARSE-UNGUARDED"

_SPRING = '''package com.acme.orders;

import java.time.LocalDate;
import java.util.UUID;
import javax.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.*;

@RestController
@RequestMapping("/orders")
public class OrderController {
    enum Status { OPEN, SHIPPED }

    @GetMapping("/{id}")
    public Order get(@PathVariable String id, @RequestParam(required = false) String since,
                     HttpServletRequest request) {
        long orderId = Long.parseLong(id);
        LocalDate from = LocalDate.parse(since);
        UUID tenant = UUID.fromString(request.getHeader("X-Tenant"));
        Status status = Status.valueOf(request.getParameter("status"));
        return service.find(orderId, from, tenant, status);
    }
}
'''


def test_java_spring_and_servlet_values_parsed_raw_are_reported() -> None:
    assert _lines(JAVA, "src/main/java/com/acme/orders/OrderController.java", _SPRING) == [16, 17, 18, 19]


def test_java_caught_typed_mapped_or_validated_values_are_quiet() -> None:
    caught = '''package com.acme;

@RestController
public class PageController {
    @GetMapping("/items")
    public List<Item> items(@RequestParam String page, @RequestParam int size) {
        int p;
        try {
            p = Integer.parseInt(page);
        } catch (NumberFormatException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "page must be a number");
        }
        return repo.page(p, Integer.valueOf(size));
    }

    @GetMapping("/legacy")
    public List<Item> legacy(HttpServletRequest request) {
        String raw = request.getParameter("page");
        if (!StringUtils.isNumeric(raw)) {
            return List.of();
        }
        return repo.page(Integer.parseInt(raw), 20);
    }
}
'''
    assert _lines(JAVA, "src/main/java/com/acme/PageController.java", caught) == []
    mapped = _SPRING.replace("        return service.find(orderId, from, tenant, status);\n    }\n",
                             "        return service.find(orderId, from, tenant, status);\n    }\n\n"
                             "    @ExceptionHandler(IllegalArgumentException.class)\n"
                             "    ResponseEntity<String> bad(IllegalArgumentException e) {\n"
                             "        return ResponseEntity.badRequest().body(e.getMessage());\n    }\n")
    assert _lines(JAVA, "src/main/java/com/acme/orders/OrderController.java", mapped) == []
    other_class = '''package com.acme;

@RestController
public class EnvController {
    @GetMapping("/envs/{env}")
    public Config get(@PathVariable String env) {
        return configs.find(Env.valueOf(env));
    }
}
'''
    assert _lines(JAVA, "src/main/java/com/acme/EnvController.java", other_class) == []


def test_java_a_service_class_is_left_to_the_project_exception_mapping() -> None:
    service = _SPRING.replace("@RestController\n@RequestMapping(\"/orders\")\n", "@Service\n")
    assert _lines(JAVA, "src/main/java/com/acme/orders/OrderService.java", service) == []
    inherited = _SPRING.replace("public class OrderController {", "public class OrderController extends BaseController {")
    assert _lines(JAVA, "src/main/java/com/acme/orders/OrderController.java", inherited) == []
    servlet = """package com.acme;

public class ExportServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        int limit = Integer.parseInt(req.getParameter("limit"));
        exporter.write(resp.getOutputStream(), limit);
    }
}
"""
    assert _lines(JAVA, "src/main/java/com/acme/ExportServlet.java", servlet) == [6]


def test_java_hunk_inside_a_method_whose_start_is_out_of_view_is_quiet() -> None:
    path = "src/main/java/com/acme/orders/OrderController.java"
    assert _hunk_lines(JAVA, path, _SPRING, (16, 18)) == []
    assert _hunk_lines(JAVA, path, _SPRING, (13, 21)) == [43, 44, 45]


# --- Ruby ---------------------------------------------------------------------------------------------

RB = "RB-REQUEST-PARSE-UNGUARDED"

_RAILS = '''class ReportsController < ApplicationController
  def index
    since = Date.parse(params[:since])
    limit = Integer(params.fetch(:limit, 50))
    raw = params[:ids]
    ids = JSON.parse(raw)
    render json: Report.where(id: ids).since(since).limit(limit)
  end

  def webhook
    payload = JSON.parse(request.body.read)
    Webhooks.enqueue(payload)
    head :accepted
  end
end
'''


def test_ruby_params_and_body_parsed_raw_are_reported() -> None:
    assert _lines(RB, "app/controllers/reports_controller.rb", _RAILS) == [3, 4, 6, 11]


def test_ruby_rescued_or_non_raising_parses_are_quiet() -> None:
    code = '''class ReportsController < ApplicationController
  def create
    data = JSON.parse(request.raw_post)
    head :created
  rescue JSON::ParserError
    head :bad_request
  end

  def show
    begin
      at = Time.parse(params[:at])
    rescue ArgumentError
      return head(:bad_request)
    end
    page = Integer(params[:page], exception: false) || 1
    ratio = Float(params[:ratio]) rescue 1.0
    render json: Report.at(at).page(page).ratio(ratio)
  end
end
'''
    assert _lines(RB, "app/controllers/reports_controller.rb", code) == []
    rescued = _RAILS.replace("class ReportsController < ApplicationController\n",
                             "class ReportsController < ApplicationController\n"
                             "  rescue_from JSON::ParserError, ArgumentError, Date::Error, with: :bad_request\n")
    assert _lines(RB, "app/controllers/reports_controller.rb", rescued) == []


def test_ruby_hunk_whose_method_end_is_out_of_view_is_quiet() -> None:
    path = "app/controllers/reports_controller.rb"
    assert _hunk_lines(RB, path, _RAILS, (10, 12)) == []
    assert _hunk_lines(RB, path, _RAILS, (10, 14)) == [41]


# --- Go -----------------------------------------------------------------------------------------------

GO = "GO-REQUEST-MUST-PARSE"

_GO = '''package api

import (
	"net/http"
	"regexp"

	"github.com/gin-gonic/gin"
	"github.com/go-chi/chi/v5"
	"github.com/google/uuid"
)

func GetOrder(w http.ResponseWriter, r *http.Request) {
	id := uuid.MustParse(chi.URLParam(r, "id"))
	filter := regexp.MustCompile(r.URL.Query().Get("pattern"))
	writeJSON(w, orders.Find(id, filter))
}

func (h *Handler) Show(c *gin.Context) {
	id := uuid.MustParse(c.Param("id"))
	c.JSON(http.StatusOK, h.svc.Get(id))
}
'''


def test_go_must_parsers_on_request_values_are_reported() -> None:
    assert _lines(GO, "internal/api/orders.go", _GO) == [13, 14, 19]
    assert _hunk_lines(GO, "internal/api/orders.go", _GO, (18, 21)) == [41]


def test_go_must_parsers_on_constants_or_checked_values_are_quiet() -> None:
    code = '''package api

var slug = regexp.MustCompile(`^[a-z0-9-]+$`)
var systemID = uuid.MustParse("6f1c2f0a-8f7e-4c55-9d43-0a1f4f1d2b3c")

func GetOrder(w http.ResponseWriter, r *http.Request) {
	id, err := uuid.Parse(chi.URLParam(r, "id"))
	if err != nil {
		http.Error(w, "bad id", http.StatusBadRequest)
		return
	}
	writeJSON(w, orders.Find(id, systemID))
}
'''
    assert _lines(GO, "internal/api/orders.go", code) == []
    recovered = _GO.replace("func GetOrder(w http.ResponseWriter, r *http.Request) {\n",
                            "func GetOrder(w http.ResponseWriter, r *http.Request) {\n"
                            "\tdefer func() { if recover() != nil { http.Error(w, \"bad\", 400) } }()\n")
    assert _lines(GO, "internal/api/orders.go", recovered) == []


_CONSUMERS = '''import json
from kafka import KafkaConsumer


def run():
    consumer = KafkaConsumer("orders")
    for msg in consumer:
        order = json.loads(msg.value.decode("utf-8"))
        process(order)


def poll_loop(consumer):
    while True:
        msg = consumer.poll(1.0)
        if msg is None:
            continue
        handle(json.loads(msg.value()))


def on_message(ch, method, properties, body):
    job = json.loads(body)
    ch.basic_ack(delivery_tag=method.delivery_tag)
'''


def test_python_queue_messages_parsed_without_a_try_are_reported() -> None:
    assert _lines(PY, "app/worker.py", _CONSUMERS) == [8, 17, 21]


def test_python_queue_messages_parsed_inside_a_try_or_outside_a_consumer_are_quiet() -> None:
    code = '''import json


def run(consumer):
    for msg in consumer:
        try:
            order = json.loads(msg.value)
        except json.JSONDecodeError:
            log.warning("dropping malformed order message at offset %s", msg.offset)
            continue
        process(order)


def load_fixture(path):
    for line in open(path):
        yield json.loads(line)
'''
    assert _lines(PY, "app/worker.py", code) == []


def test_js_stored_data_validated_values_and_safe_wrappers_are_quiet() -> None:
    code = '''@Controller("integrations")
export class IntegrationsController {
  @Get("/:id/settings")
  async settings(@Param("id") id: string) {
    const integration = await this.integrations.getById(id);
    return JSON.parse(integration.settings || "[]");
  }

  @Post("/authorize")
  async authorize(@Body() body: AuthorizeDto) {
    const app = await this.oauth.validateAuthorizationRequest(body.client_id, body.redirect_uri);
    const target = new URL(body.redirect_uri);
    return { redirect: target.toString() };
  }
}

router.post("/token", (req, res) => {
  const parsed = trySafe(() => JSON.parse(req.body.raw));
  res.json(parsed ?? {});
});
'''
    assert _lines(JS, "src/integrations/integrations.controller.ts", code) == []


_FETCH_ROUTES = """import { NextResponse } from "next/server";

export async function POST(req: Request) {
  const session = await auth();
  const body = await req.json();
  return NextResponse.json(await save(session, body), { status: 201 });
}

app.post("/feedback", async (c) => {
  const body = await c.req.json();
  return c.json(await save(body), 201);
});
"""


def test_js_fetch_request_bodies_read_without_a_catch_are_reported() -> None:
    assert _lines(JS, "app/api/feedback/route.ts", _FETCH_ROUTES) == [5, 10]


def test_js_fetch_request_bodies_caught_or_responses_are_quiet() -> None:
    code = """export async function PUT(req: Request) {
  const parsed = Feedback.safeParse(await req.json().catch(() => null));
  if (!parsed.success) return NextResponse.json({ error: "invalid" }, { status: 400 });
  return NextResponse.json(await save(parsed.data));
}

export async function action({ request }) {
  try {
    return json(await save(await request.json()));
  } catch {
    return json({ error: "bad body" }, { status: 400 });
  }
}

async function getRates(res) {
  const data = await res.json();
  return data.rates;
}
"""
    assert _lines(JS, "app/api/feedback/route.ts", code) == []



_RB_SIGNED_FILTER = '''class Hooks::ParcelController < ActionController::API
  before_action %s

  def create
    Parcel.find_by!(code: body.fetch("code")).update!(state: body.fetch("state"))
    head :no_content
  end

  private

  def check_sender
    digest = OpenSSL::HMAC.hexdigest("SHA256", ENV.fetch("PARCEL_KEY"), request.raw_post)
    head :unauthorized unless ActiveSupport::SecurityUtils.secure_compare(digest, request.headers["X-Sig"].to_s)
  end

  def authenticate_signature!
    check_sender
  end

  def body
    @body ||= JSON.parse(request.raw_post)
  end
end
'''


def test_ruby_body_parsed_behind_a_signature_filter_on_every_action_is_quiet() -> None:
    path = "app/controllers/hooks/parcel_controller.rb"
    assert _lines("RB-REQUEST-PARSE-UNGUARDED", path, _RB_SIGNED_FILTER % ":authenticate_signature!") == []


@pytest.mark.parametrize("filter_", [":authenticate_user!", ":authenticate_signature!, only: :update"])
def test_ruby_body_parsed_without_a_signature_filter_on_that_action_is_reported(filter_: str) -> None:
    path = "app/controllers/hooks/parcel_controller.rb"
    assert _lines("RB-REQUEST-PARSE-UNGUARDED", path, _RB_SIGNED_FILTER % filter_) == [21]


def test_python_a_digit_test_after_the_parse_on_its_line_does_not_guard_it() -> None:
    code = '''from flask import request, abort


@app.get("/items")
def items():
    raw = request.args.get("page", "1")
    if int(raw) > 500 or not raw.isdigit():
        abort(400)
    return Item.page(int(raw))
'''
    assert _lines(PY, "app/items.py", code) == [7]


_SIGNED_WEBHOOK = """import { createHmac, timingSafeEqual } from "node:crypto";

function signatureMatches(secret, rawBody, signature) {
  const expected = createHmac("sha256", secret).update(rawBody).digest();
  const given = Buffer.from(signature, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

app.post("/webhooks/bank", async (request, reply) => {
  const signature = String(request.headers["x-signature"] ?? "");
  CHECK
  const event = JSON.parse(request.body.toString("utf8"));
  await events.insert(event.id, event);
  return reply.code(200).send({ received: true });
});
"""


def test_js_a_body_parsed_after_its_signature_is_checked_comes_from_a_known_sender() -> None:
    checked = _SIGNED_WEBHOOK.replace(
        "CHECK", "if (!signatureMatches(secret, request.body, signature)) return reply.code(401).send();")
    assert _lines(JS, "src/routes/bank-webhook.js", checked) == []
    unchecked = _SIGNED_WEBHOOK.replace("CHECK", "")
    assert _lines(JS, "src/routes/bank-webhook.js", unchecked) == [12]


_JAVALIN = '''package com.acme.onboarding;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.UUID;

public final class DocumentController {
    public void register(Javalin app) {
        app.get("/customers/{customerId}/documents", this::list);
        app.post("/customers/{customerId}/documents", this::upload);
    }

    private void list(Context ctx) {
        UUID customerId = UUID.fromString(ctx.pathParam("customerId"));
        ctx.json(documents.listFor(customerId));
    }

    private void upload(Context ctx) {
        UUID customerId = UUID.fromString(ctx.pathParam("customerId"));
        long size = Long.parseLong(ctx.header("X-Upload-Size"));
        ctx.status(201).json(documents.insert(customerId, size));
    }
}
'''


def test_java_a_parse_the_files_existing_handlers_already_do_is_not_reported_again() -> None:
    shown = {no: line for no, line in enumerate(_JAVALIN.splitlines(), start=1) if 12 <= no <= 23}
    path = "src/main/java/com/acme/onboarding/DocumentController.java"
    hunk = FileContext(path, "java", shown, frozenset(range(18, 23)), whole_file=False)  # `upload` is new
    found = sorted(f.line or 0 for f in run_checks([hunk]).findings if f.rule_id == JAVA)
    assert found == [20]  # the header parse is new; the path id is parsed just as `list` already does
    all_new = FileContext(path, "java", shown, frozenset(shown), whole_file=False)
    assert sorted(f.line or 0 for f in run_checks([all_new]).findings if f.rule_id == JAVA) == [14, 19, 20]
