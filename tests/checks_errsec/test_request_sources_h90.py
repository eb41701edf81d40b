"""Where request data enters, framework by framework (h90), and guards read by what they pin down.

The family variant files (`tests/data/security_family_variants/v90_*`) hold one realistic file per
framework and sink; the cases here pin the edges of each widening with a flagged spelling and a quiet
look-alike: a Tornado verb method only in a request handler class, a Falcon responder only with the
`(self, req, resp, ...)` signature, `self.kwargs` only in a class-based view, a route table's view
function, a Lambda handler's spellings, a scheme-only test against a host check, Sinatra and Roda block
parameters, Rack environment keys, and a file-existence test that is no path check.
"""

from __future__ import annotations

import pytest

from persona_review.checks._url_guards import pins_scheme_only
from persona_review.checks.runner import run_checks
from persona_review.contexts import build_context
from persona_review.diff import parse_diff

from .helpers import findings_for_snippet


@pytest.mark.parametrize(("text", "scheme_only"), [
    ("https://", True), ("http", True), (r"^https?://", True), (r"^(http|https)://", True),
    (r"^https?://[\w.-]+/", True), (r"^https?://\S+$", True), (r"\Ahttps?:\/\/", True),
    (r"^https://hooks\.slack\.com/services/", False), ("https://api.partner.com/", False),
    ("http://localhost", False), ("httpbin", False), ("/", False), ("", False),
])
def test_scheme_only_patterns(text: str, scheme_only: bool) -> None:
    assert pins_scheme_only(text) is scheme_only


_TORNADO = (
    "import os\n"
    "from tornado.web import RequestHandler\n"
    "class {cls}({base}):\n"
    "    def get(self, name):\n"
    "        with open(os.path.join('/data', name)) as fh:\n"
    "            self.write(fh.read())\n"
)


def test_tornado_path_argument_is_request_data() -> None:
    assert "PY-PATH-TRAVERSAL" in findings_for_snippet(
        "app/handlers.py", _TORNADO.format(cls="FileHandler", base="RequestHandler"))


def test_a_get_method_of_another_class_takes_no_request_data() -> None:
    text = _TORNADO.format(cls="Cache", base="object").replace("from tornado.web import RequestHandler\n", "")
    assert "PY-PATH-TRAVERSAL" not in findings_for_snippet("app/cache.py", text)


_FALCON = (
    "import os\n"
    "class Reports:\n"
    "    def {name}(self, {req}, {resp}, report):\n"
    "        {resp}.stream = open(os.path.join('/reports', report), 'rb')\n"
)


def test_falcon_responder_route_field_is_request_data() -> None:
    text = _FALCON.format(name="on_get", req="req", resp="resp")
    assert "PY-PATH-TRAVERSAL" in findings_for_snippet("app/resources.py", text)


@pytest.mark.parametrize(("name", "req", "resp"), [("load", "req", "resp"), ("on_get", "cfg", "out")])
def test_other_methods_with_similar_signatures_are_quiet(name: str, req: str, resp: str) -> None:
    text = _FALCON.format(name=name, req=req, resp=resp)
    assert "PY-PATH-TRAVERSAL" not in findings_for_snippet("app/resources.py", text)


_CBV = (
    "import os\n"
    "from django.http import FileResponse\n"
    "class Invoice({base}):\n"
    "    def render(self, request):\n"
    "        return FileResponse(open(os.path.join('/media', self.kwargs['name']), 'rb'))\n"
)


def test_view_kwargs_are_url_arguments() -> None:
    assert "PY-PATH-TRAVERSAL" in findings_for_snippet("app/views.py", _CBV.format(base="DetailView"))


def test_kwargs_kept_by_another_class_are_not_request_data() -> None:
    assert "PY-PATH-TRAVERSAL" not in findings_for_snippet("app/jobs.py", _CBV.format(base="Job"))


_ROUTE_TABLE = (
    "import os\n"
    "from flask import Flask, send_file\n"
    "app = Flask(__name__)\n"
    "def download(name):\n"
    "    return send_file(os.path.join('/backups', name))\n"
    "{register}\n"
)


def test_view_function_in_route_table_takes_url_arguments() -> None:
    text = _ROUTE_TABLE.format(register="app.add_url_rule('/b/<name>', view_func=download)")
    assert "PY-PATH-TRAVERSAL" in findings_for_snippet("app/routes.py", text)


def test_unregistered_function_is_a_plain_helper() -> None:
    text = _ROUTE_TABLE.format(register="print(download('latest.tar'))")
    assert "PY-PATH-TRAVERSAL" not in findings_for_snippet("app/routes.py", text)


_LAMBDA = (
    "import urllib.request\n"
    "def handler(event, {second}):\n"
    "    return urllib.request.urlopen(event['queryStringParameters']['url']).read()\n"
)


@pytest.mark.parametrize("second", ["context", "_context", "ctx"])
def test_lambda_handler_spellings(second: str) -> None:
    assert "PY-SSRF" in findings_for_snippet("lambda/app.py", _LAMBDA.format(second=second))


def test_two_parameter_function_with_other_names_is_not_a_handler() -> None:
    text = _LAMBDA.replace("event", "item").format(second="settings")
    assert "PY-SSRF" not in findings_for_snippet("lambda/app.py", text)


_GUARD = (
    "import re\n"
    "import requests\n"
    "from flask import request\n"
    "@app.post('/hooks/test')\n"
    "def test_hook():\n"
    "    url = request.json['url']\n"
    "    if not ({test}):\n"
    "        return 'bad', 400\n"
    "    return requests.get(url, timeout=5).text\n"
)


@pytest.mark.parametrize("test", [
    "url.startswith(('http://', 'https://'))", "re.match(r'^https?://', url)",
    "urlparse(url).scheme in ('http', 'https')",
])
def test_scheme_only_test_leaves_the_host_to_the_caller(test: str) -> None:
    assert "PY-SSRF" in findings_for_snippet("app/hooks.py", _GUARD.format(test=test))


@pytest.mark.parametrize("test", [
    "url.startswith('https://hooks.slack.com/')", r"re.match(r'^https://hooks\.slack\.com/', url)",
    "urlparse(url).hostname in ALLOWED_HOSTS",
    "url.startswith('https://') and urlparse(url).hostname in ALLOWED_HOSTS",
])
def test_host_check_clears_the_url(test: str) -> None:
    assert "PY-SSRF" not in findings_for_snippet("app/hooks.py", _GUARD.format(test=test))


_SINATRA = """class Reports < Sinatra::Base
  get "/reports/:name" do |name|
    send_file File.join(DIR, {arg})
  end

  helpers do
    def archive(names)
      names.each do |name|
        FileUtils.rm_f(File.join(DIR, name))
      end
    end
  end
end
"""


def test_sinatra_route_block_parameter_is_request_data() -> None:
    found = findings_for_snippet("app/routes/reports.rb", _SINATRA.format(arg="name"))
    assert "RB-FILE-PATH" in found


def test_sinatra_basename_and_plain_blocks_are_quiet() -> None:
    found = findings_for_snippet("app/routes/reports.rb", _SINATRA.format(arg="File.basename(name)"))
    assert "RB-FILE-PATH" not in found


_RODA = """class App < Roda
  route do |r|
    r.on "exports", {matcher} do |part|
      File.read(File.join(ROOT, "#{{part}}.csv"))
    end
  end
end
"""


def test_roda_string_capture_is_request_data() -> None:
    assert "RB-FILE-PATH" in findings_for_snippet("app/app.rb", _RODA.format(matcher="String"))


def test_roda_integer_capture_is_a_number() -> None:
    assert "RB-FILE-PATH" not in findings_for_snippet("app/app.rb", _RODA.format(matcher="Integer"))


_RACK = """class Docs
  def call(env)
    path = File.join(ROOT, {value})
    return [404, {{}}, []] unless File.file?(path)

    [200, {{}}, [File.read(path)]]
  end
end
"""


def test_rack_path_info_is_request_data_and_existence_is_no_check() -> None:
    assert "RB-FILE-PATH" in findings_for_snippet("lib/docs.rb", _RACK.format(value='env["PATH_INFO"]'))


def test_rack_server_keys_are_not_request_data() -> None:
    assert "RB-FILE-PATH" not in findings_for_snippet("lib/docs.rb", _RACK.format(value='env["SERVER_NAME"]'))


_RAILS_GUARD = """class HooksController < ApplicationController
  def create
    url = params[:url]
    return head :bad_request unless url.match?({pattern})

    Faraday.get(url)
  end
end
"""


def test_rails_scheme_regex_leaves_the_host_to_the_caller() -> None:
    found = findings_for_snippet("app/controllers/hooks_controller.rb", _RAILS_GUARD.format(pattern=r"%r{\Ahttps?://}"))
    assert "RB-SSRF" in found


def test_rails_host_regex_clears_the_url() -> None:
    pattern = r"%r{\Ahttps://hooks\.slack\.com/}"
    found = findings_for_snippet("app/controllers/hooks_controller.rb", _RAILS_GUARD.format(pattern=pattern))
    assert "RB-SSRF" not in found


_GRAPE = """module V1
  class Projects < Grape::API
    params do
      requires :url, type: String
      optional :name, type: String
    end
    put ":id" do
      project = current_user.projects.find(params[:id])
      project.update!({attrs})
      URI.open(declared(params)[:url]).read
    end
  end
end
"""


def test_grape_declared_params_are_request_data_but_an_allow_list() -> None:
    found = findings_for_snippet("app/api/v1/projects.rb", _GRAPE.format(attrs="declared(params)"))
    assert "RB-SSRF" in found
    assert "RB-MASS-ASSIGNMENT" not in found


_HUNKS = """diff --git a/exports/resources.py b/exports/resources.py
--- a/exports/resources.py
+++ b/exports/resources.py
@@ -5,6 +5,10 @@
 ROOT = "/srv/exports"
\x20
\x20
+def _part_path(tenant, name):
+    return os.path.join(ROOT, str(tenant), name)
+
+
 class Download:
     def __init__(self, store):
         self.store = store
@@ -13,6 +17,14 @@ def on_get(self, req, resp, export_id):
         export = self.store.get(export_id)
         if export is None:
             raise falcon.HTTPNotFound()
+        part = req.get_param("part")
+        if part:
+            path = _part_path(req.context.tenant, {arg})
+        else:
+            path = _part_path(req.context.tenant, export.key)
+        if not os.path.exists(path):
+            raise falcon.HTTPNotFound()
+        resp.stream = open(path, "rb")
         resp.content_type = "text/csv"
\x20
\x20
"""


def _hunk_findings(arg: str) -> list[tuple[int, str]]:
    contexts = [build_context(f) for f in parse_diff(_HUNKS.replace("{arg}", arg)).files]
    return [(f.line, f.rule_id or "") for f in run_checks(contexts).findings]


def test_helper_added_in_an_earlier_hunk_carries_request_data_and_is_told_once() -> None:
    found = [line for line, rule in _hunk_findings("part") if rule == "PY-PATH-TRAVERSAL"]
    assert found == [22]  # where the request's part is joined in, not again at `exists` and `open`


def test_helper_given_a_bare_name_is_quiet() -> None:
    found = _hunk_findings("os.path.basename(part)")
    assert not [line for line, rule in found if rule == "PY-PATH-TRAVERSAL"]


_REWRITE = """class Redirector
  def call(env)
    req = Rack::Request.new(env.merge("HTTP_HOST" => CANONICAL_HOST))
    return redirect_to({target}) if req.host != CANONICAL_HOST

    @app.call(env)
  end

  def redirect_to(url)
    [301, {{ "Location" => url }}, []]
  end
end
"""


def test_rack_request_parameter_is_a_redirect_target() -> None:
    assert "RB-OPEN-REDIRECT" in findings_for_snippet("lib/redirector.rb", _REWRITE.format(target='req.params["to"]'))


def test_rack_request_own_url_is_not_caller_data() -> None:
    assert "RB-OPEN-REDIRECT" not in findings_for_snippet("lib/redirector.rb", _REWRITE.format(target="req.url"))
