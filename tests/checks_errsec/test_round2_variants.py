"""The check changes made after reading the dev half of `eval/pr_cases_variants/round2-js-py-rb` (the
same error-handling problems as dev cases, written the way another team would, in JavaScript/TypeScript,
Python and Ruby): each with a case it must report and a look-alike it must leave alone. The code here is
written for these tests."""

from __future__ import annotations

from persona_review.checks.base import FileContext
from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text, detect_language
from persona_review.findings import Category


def _lines(ctx: FileContext, rule: str) -> set[int]:
    outcome = run_checks([ctx], categories=(Category.ERROR_HANDLING, Category.SECURITY))
    return {f.line or 0 for f in outcome.findings if f.rule_id == rule}


def _whole(path: str, code: str, rule: str) -> set[int]:
    return _lines(context_for_text(path, code), rule)


def _hunk(path: str, first: int, rows: str, rule: str) -> set[int]:
    """A hunk of an existing file: `rows` in unified-diff form (`+` added, ` ` context), new side from
    line `first`."""
    lines: dict[int, str] = {}
    added: set[int] = set()
    for offset, row in enumerate(rows.splitlines()):
        no = first + offset
        lines[no] = row[1:]
        if row.startswith("+"):
            added.add(no)
    ctx = FileContext(path=path, language=detect_language(path), lines=lines, added=frozenset(added),
                      whole_file=False)
    return _lines(ctx, rule)


# --- JS-STACK-TRACE-LEAK -------------------------------------------------------------------------------

_FASTIFY_HANDLER = """\
async function plugin(app) {
  app.setErrorHandler((failure, request, reply) => {
    reply.code(500).send({
      message: failure.message,
      trace: failure.stack,
    });
  });
}
"""


def test_a_fastify_reply_with_a_status_code_and_a_stack_is_reported() -> None:
    assert _whole("src/plugins/errors.js", _FASTIFY_HANDLER, "JS-STACK-TRACE-LEAK") == {3}


_CHAINED = """\
exports.run = async function run(request, response) {
  try {
    return response.json(await importer.run(request.body));
  } catch (e) {
    return response
      .status(500)
      .send({ message: e.message, stack: e.stack });
  }
};
"""
_CHAINED_GENERIC = _CHAINED.replace("message: e.message, stack: e.stack", "message: 'import failed'")


def test_a_response_chain_written_over_lines_is_read_as_one() -> None:
    assert _whole("src/controllers/imports.js", _CHAINED, "JS-STACK-TRACE-LEAK") == {7}
    assert _whole("src/controllers/imports.js", _CHAINED_GENERIC, "JS-STACK-TRACE-LEAK") == set()


_HAPI = """\
module.exports = {
  method: 'POST',
  path: '/uploads',
  handler: async (request, h) => {
    try {
      return h.response(await storage.put(request.payload.file)).code(201);
    } catch (ex) {
      return h.response({ error: ex.message, stack: ex.stack }).code(500);
    }
  },
};
"""


def test_a_hapi_response_with_a_stack_is_reported() -> None:
    assert _whole("src/routes/uploads.js", _HAPI, "JS-STACK-TRACE-LEAK") == {8}


_KOA_OBJECT = """\
module.exports = () => async function catchAll(ctx, next) {
  try {
    await next();
  } catch (failure) {
    ctx.status = 500;
    ctx.body = {
      message: failure.message,
      stack: failure.stack,
    };
  }
};
"""
_KOA_OBJECT_GENERIC = _KOA_OBJECT.replace("      stack: failure.stack,\n", "")


def test_a_koa_body_object_over_several_lines_is_read_to_its_end() -> None:
    assert _whole("src/middleware/errors.js", _KOA_OBJECT, "JS-STACK-TRACE-LEAK") == {6}
    assert _whole("src/middleware/errors.js", _KOA_OBJECT_GENERIC, "JS-STACK-TRACE-LEAK") == set()


_HELD = """\
router.post('/imports', async (req, res) => {
  try {
    res.status(202).json(await imports.enqueue(req.body));
  } catch (err) {
    const details = { message: err.message, stack: err.stack };
    res.status(500).json({ error: details });
  }
});

router.post('/exports', async (ctx) => {
  try {
    ctx.body = await exportsService.start();
  } catch (e) {
    const trace = e.stack;
    ctx.body = { error: 'export failed', trace };
  }
});
"""
_HELD_LOGGED = """\
router.post('/imports', async (req, res) => {
  try {
    res.status(202).json(await imports.enqueue(req.body));
  } catch (err) {
    const trace = err.stack;
    logger.error({ trace }, 'import failed');
    res.status(500).json({ error: 'import failed', trace: null });
  }
});
"""


def test_a_stack_put_in_a_variable_then_sent_is_reported() -> None:
    assert _whole("src/routes/imports.js", _HELD, "JS-STACK-TRACE-LEAK") == {6, 15}


def test_a_stack_put_in_a_variable_and_only_logged_is_not() -> None:
    # `trace: null` names the key only: the variable is not what is sent.
    assert _whole("src/routes/imports.js", _HELD_LOGGED, "JS-STACK-TRACE-LEAK") == set()


# --- JS-CALLBACK-ERR-IGNORED ---------------------------------------------------------------------------

_CALLBACKS = """\
router.get('/templates/:name', (req, res) => {
  fs.readFile(file, 'utf8', function (readErr, contents) {
    res.json(JSON.parse(contents));
  });
});

function load(key, done) {
  fs.readFile(path.join(root, key), (e, buf) => {
    done(null, JSON.parse(buf.toString('utf8')));
  });
}
"""
_CALLBACKS_HANDLED = """\
router.get('/templates/:name', (req, res, next) => {
  fs.readFile(file, 'utf8', function (readErr, contents) {
    if (readErr) return next(readErr);
    res.json(JSON.parse(contents));
  });
});

const labels = items.map((e, i) => {
  return `${i}: ${e.name}`;
});
emitter.on('row', (e, meta) => {
  rows.push(meta);
});
"""


def test_a_callback_error_named_otherwise_is_still_an_error() -> None:
    assert _whole("src/routes/templates.js", _CALLBACKS, "JS-CALLBACK-ERR-IGNORED") == {2, 8}


def test_a_checked_callback_error_and_an_element_named_e_are_not_reported() -> None:
    assert _whole("src/routes/templates.js", _CALLBACKS_HANDLED, "JS-CALLBACK-ERR-IGNORED") == set()


# --- PY-EXCEPTION-LEAK ---------------------------------------------------------------------------------

_FORMATTED = """\
class SyncView(LoginRequiredMixin, View):
    def post(self, request):
        try:
            sync_catalog(request.user)
        except CatalogError as err:
            message = "sync failed: {}".format(err)
            return JsonResponse({"error": message}, status=500)
        return JsonResponse({"ok": True})
"""
_FORMATTED_LOGGED = """\
class SyncView(LoginRequiredMixin, View):
    def post(self, request):
        try:
            sync_catalog(request.user)
        except CatalogError as err:
            message = "sync failed: {}".format(err)
            logger.error(message)
            return JsonResponse({"error": "sync failed"}, status=500)
        return JsonResponse({"ok": True})
"""


def test_exception_text_put_in_a_variable_then_answered_is_reported() -> None:
    assert _whole("catalog/views/sync.py", _FORMATTED, "PY-EXCEPTION-LEAK") == {7}


def test_exception_text_put_in_a_variable_and_only_logged_is_not() -> None:
    assert _whole("catalog/views/sync.py", _FORMATTED_LOGGED, "PY-EXCEPTION-LEAK") == set()


_METHOD_VIEW = """\
class ExportView(MethodView):
    def post(self):
        try:
            export = build_export(request.get_json())
        except Exception as failure:
            return {"message": "export failed", "reason": repr(failure)}, 500
        return jsonify(id=export.id), 201


class Exporter:
    def run(self):
        try:
            return build_export(self.spec)
        except Exception as failure:
            return {"reason": repr(failure)}, 500
"""


def test_a_method_view_verb_returning_the_exception_text_is_reported() -> None:
    # A `def post(self)` answers a request; a method of another name returning the same shape does not.
    assert _whole("catalog/api/exports.py", _METHOD_VIEW, "PY-EXCEPTION-LEAK") == {6}


_TRACEBACK_BODY = """\
def generate(request, report_id):
    try:
        report = build_report(report_id)
    except Exception:
        return HttpResponse(traceback.format_exc(), status=500)
    return JsonResponse({"id": report.id})
"""


def test_a_traceback_sent_is_a_leak_not_a_dropped_traceback() -> None:
    assert _whole("reports/views.py", _TRACEBACK_BODY, "PY-EXCEPTION-LEAK") == {5}
    assert _whole("reports/views.py", _TRACEBACK_BODY, "PY-BROAD-EXCEPT") == set()


# --- PY-EXCEPT-PASS / PY-BARE-EXCEPT: a hunk that ends on an added line ends the file ------------------

_PASS_AT_END = """\
 def rescan_pending(batch: int = 50) -> None:
     for upload in Upload.objects.filter(verdict=None)[:batch]:
+        try:
+            upload.verdict = virus_scan(upload.path)
+            upload.save()
+        except Exception:
+            ...
"""
_PASS_CONTEXT_AT_END = """\
 def rescan_pending(batch: int = 50) -> None:
     for upload in Upload.objects.filter(verdict=None)[:batch]:
+        try:
+            upload.verdict = virus_scan(upload.path)
+            upload.save()
+        except Exception:
             pass
"""
_BARE_AT_END = """\
     def drain(self) -> None:
         while not self.queue.empty():
+            try:
+                self.handle(self.queue.get_nowait())
+            except:
+                self.failed += 1
"""


def test_a_handler_whose_added_body_ends_the_hunk_is_complete() -> None:
    assert _hunk("uploads/jobs.py", 8, _PASS_AT_END, "PY-EXCEPT-PASS") == {13}
    assert _hunk("worker/drain.py", 20, _BARE_AT_END, "PY-BARE-EXCEPT") == {24}


def test_a_handler_whose_body_ends_on_a_context_line_may_go_on() -> None:
    # The hunk's last line is context: the file goes on below it, and so may the handler's body.
    assert _hunk("uploads/jobs.py", 8, _PASS_CONTEXT_AT_END, "PY-EXCEPT-PASS") == set()


# --- PY-HTTP-NO-TIMEOUT: a requests session ------------------------------------------------------------

_SESSION = """\
import requests


class Gateway:
    def __init__(self) -> None:
        self.http = requests.Session()

    def charge(self, customer_id: str, cents: int) -> str:
        reply = self.http.post(f"{URL}/charges", json={"customer": customer_id, "amount": cents})
        reply.raise_for_status()
        return reply.json()["id"]

    def refund(self, charge_id: str) -> None:
        self.http.post(f"{URL}/refunds", json={"charge": charge_id}, timeout=10).raise_for_status()


def ping() -> bool:
    with requests.Session() as s:
        return s.get(f"{URL}/ping").ok
"""
_SESSION_ADAPTER = """\
import requests


class Gateway:
    def __init__(self) -> None:
        self.http = requests.Session()
        self.http.mount("https://", TimeoutAdapter(timeout=10))

    def charge(self, customer_id: str, cents: int) -> str:
        return self.http.post(f"{URL}/charges", json={"customer": customer_id}).json()["id"]
"""


def test_a_requests_session_call_without_a_timeout_is_reported() -> None:
    assert _whole("billing/gateway.py", _SESSION, "PY-HTTP-NO-TIMEOUT") == {9, 19}


def test_a_session_with_a_mounted_adapter_is_left_alone() -> None:
    assert _whole("billing/gateway.py", _SESSION_ADAPTER, "PY-HTTP-NO-TIMEOUT") == set()


_STOCK_ADAPTER_HUNK = """\
         retries = Retry(total=3, backoff_factor=0.5, status_forcelist=(502, 503))
         self._http.mount("https://", HTTPAdapter(max_retries=retries, pool_maxsize=10))
         self._root = root
+    def fetch(self, sku: str) -> dict:
+        reply = self._http.get(f"{self._root}/stock/{sku}")
+        reply.raise_for_status()
+        return reply.json()
+
+    def reserve(self, sku: str) -> dict:
+        return self._http.post(f"{self._root}/reserve", json={"sku": sku}, timeout=5).json()
"""
_STOCK_ADAPTER_BY_NAME = """\
import requests
from requests.adapters import HTTPAdapter


def make_client() -> requests.Session:
    session = requests.Session()
    adapter = HTTPAdapter(max_retries=3)
    session.mount("https://", adapter)
    return session


def pull(session: requests.Session) -> dict:
    return session.get(URL).json()


def pull_on_new() -> bytes:
    s = requests.Session()
    s.mount("https://", adapter)
    return s.get(URL).content
"""


def test_a_session_with_requests_own_adapter_mounted_still_has_no_timeout() -> None:
    assert _hunk("stock/client.py", 40, _STOCK_ADAPTER_HUNK, "PY-HTTP-NO-TIMEOUT") == {44}


def test_a_stock_adapter_by_name_gives_no_timeout() -> None:
    assert _whole("stock/client.py", _STOCK_ADAPTER_BY_NAME, "PY-HTTP-NO-TIMEOUT") == {13, 19}


# --- RB-RESCUE-LOGGED-CONTINUES: an instance variable --------------------------------------------------

_IVAR = """\
class ShippingQuote
  def initialize(order)
    @order = order
  end

  def amount
    begin
      @zone = CarrierApi.zone_for(@order.postcode)
    rescue CarrierApi::Error => e
      Rails.logger.warn("zone lookup failed: #{e.message}")
    end
    @zone.base_price + @order.weight_kg * @zone.per_kg
  end
end
"""
_IVAR_SET_BEFORE = _IVAR.replace("    @order = order\n", "    @order = order\n    @zone = Zone.default\n")


def test_an_instance_variable_only_the_block_assigns_is_nil_after_a_logged_failure() -> None:
    assert _whole("app/services/shipping_quote.rb", _IVAR, "RB-RESCUE-LOGGED-CONTINUES") == {9}


def test_an_instance_variable_given_a_value_elsewhere_is_a_fallback() -> None:
    assert _whole("app/services/shipping_quote.rb", _IVAR_SET_BEFORE, "RB-RESCUE-LOGGED-CONTINUES") == set()


# --- RB-HTTP-STATUS-UNCHECKED: a Faraday connection -----------------------------------------------------

_FARADAY = """\
module Fx
  class Quotes
    def initialize(conn = Faraday.new(url: ENV.fetch("FX_URL"), request: { timeout: 5 }))
      @conn = conn
    end

    def latest(base)
      resp = @conn.get("latest", base: base)
      JSON.parse(resp.body).fetch("rates")
    end
  end
end
"""
_FARADAY_RAISING = _FARADAY.replace(
    '    def initialize(conn = Faraday.new(url: ENV.fetch("FX_URL"), request: { timeout: 5 }))\n',
    '    def initialize(conn = Faraday.new(url: ENV.fetch("FX_URL")) { |f| f.response :raise_error })\n')


def test_a_faraday_connection_without_raise_error_is_read_unchecked() -> None:
    assert _whole("app/services/fx/quotes.rb", _FARADAY, "RB-HTTP-STATUS-UNCHECKED") == {8}


def test_a_faraday_connection_with_raise_error_raises_on_error_statuses() -> None:
    assert _whole("app/services/fx/quotes.rb", _FARADAY_RAISING, "RB-HTTP-STATUS-UNCHECKED") == set()


_REWRAPPED = """\
def execute(request, query):
    try:
        return run(query)
    except Exception as e:
        if str(e).startswith("Int cannot represent"):
            e = GraphQLError(str(e))
        detail = GraphQLError(str(e))
        return ExecutionResult(errors=[e, detail], invalid=True)
"""


def test_an_exception_rebuilt_from_its_own_text_is_not_text_put_in_a_variable() -> None:
    # The variables hold exception objects (built from the text), not the text itself: what the result
    # carries is the GraphQL layer's business, not a string answered to the client.
    assert _whole("app/graphql/views.py", _REWRAPPED, "PY-EXCEPTION-LEAK") == set()


_DEV_ONLY_STACK = """\
const errorHandler = (err, req, res, next) => {
  const response = {
    code: err.statusCode,
    message: err.message,
    ...(config.env === 'development' && { stack: err.stack }),
  };
  res.status(err.statusCode).send(response);
};

const devHandler = (err, req, res, next) => {
  res.status(500).json({ message: 'failed', stack: process.env.NODE_ENV === 'production' ? undefined : err.stack });
};
"""


def test_a_stack_sent_only_in_development_is_gated_on_purpose() -> None:
    assert _whole("src/middlewares/error.js", _DEV_ONLY_STACK, "JS-STACK-TRACE-LEAK") == set()
