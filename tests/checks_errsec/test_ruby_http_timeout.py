"""RB-HTTP-NO-TIMEOUT: outbound HTTP from Ruby application code that no timeout bounds, in snippets and
fixtures written for these tests, whole files and hunks."""

from __future__ import annotations

import pytest

from persona_review.checks.runner import run_checks
from persona_review.contexts import build_context
from persona_review.diff import parse_diff
from persona_review.findings import Category

from .helpers import DATA, expected, findings_of

RULE = "RB-HTTP-NO-TIMEOUT"
PATH = "app/services/rates/fetcher.rb"


def _lines(code: str, path: str = PATH) -> list[int]:
    return sorted(line for line, rule in findings_of(path, code) if rule == RULE)


def _diff_lines(diff: str) -> list[int]:
    outcome = run_checks([build_context(f) for f in parse_diff(diff).files], categories=[Category.ERROR_HANDLING])
    return sorted(f.line for f in outcome.findings if f.rule_id == RULE)


@pytest.mark.parametrize("name", ["http_timeouts.rb", "http_connections.rb"])
def test_fixtures_flag_exactly_the_marked_calls(name: str) -> None:
    text = (DATA / "whole_file_only" / name).read_text()
    want = {(line, rule) for line, rule in expected(text) if rule == RULE}
    assert want
    assert {(line, rule) for line, rule in findings_of(name, text) if rule == RULE} == want


def test_httparty_class_calls_without_default_timeout_are_reported() -> None:
    code = (
        "class GithubClient\n"
        "  include HTTParty\n"
        "  base_uri 'https://api.github.com'\n"
        "\n"
        "  def repo(name)\n"
        "    self.class.get(\"/repos/#{name}\", headers: headers)\n"    # 6
        "  end\n"
        "end\n"
    )
    assert _lines(code) == [6]
    bounded = code.replace("  base_uri 'https://api.github.com'\n",
                           "  base_uri 'https://api.github.com'\n  default_timeout 5\n")
    assert _lines(bounded) == []


def test_a_file_that_sets_the_connection_timeout_later_is_quiet() -> None:
    code = (
        "module Webhooks\n"
        "  class Deliver\n"
        "    def call(url, body)\n"
        "      uri = URI(url)\n"
        "      http = Net::HTTP.new(uri.host, uri.port)\n"
        "      http.use_ssl = uri.scheme == 'https'\n"
        "      http.open_timeout = 2\n"
        "      http.read_timeout = 5\n"
        "      http.post(uri.path, body)\n"
        "    end\n"
        "\n"
        "    def conn\n"
        "      c = Faraday.new(url: 'https://hooks.example.test')\n"
        "      c.options.timeout = 5\n"
        "      c\n"
        "    end\n"
        "  end\n"
        "end\n"
    )
    assert _lines(code) == []


def test_faraday_with_timeouts_in_its_request_options_is_quiet() -> None:
    code = (
        "class Avatars\n"
        "  def client\n"
        "    Faraday.new(nil, request: { open_timeout: 1, read_timeout: 3 }) do |f|\n"
        "      f.response :raise_error\n"
        "    end\n"
        "  end\n"
        "  def other\n"
        "    Faraday.new(url: base, request: request_options)\n"
        "  end\n"
        "end\n"
    )
    assert _lines(code) == []


def test_tests_rake_tasks_and_scripts_are_left_alone() -> None:
    code = "def fetch\n  Net::HTTP.get(URI('https://example.test'))\nend\n"
    assert _lines(code) == [2]
    for path in ("spec/services/fetcher_spec.rb", "test/services/fetcher_test.rb", "lib/tasks/sync.rake",
                 "db/seeds.rb", "script/import.rb", "bin/setup"):
        assert _lines(code, path) == [], path


def test_a_hunk_in_a_job_is_enough_for_a_one_shot_call() -> None:
    diff = (
        "diff --git a/app/jobs/sync_job.rb b/app/jobs/sync_job.rb\n"
        "--- a/app/jobs/sync_job.rb\n"
        "+++ b/app/jobs/sync_job.rb\n"
        "@@ -10,3 +10,5 @@ class SyncJob < ApplicationJob\n"
        "   def perform(id)\n"
        "+    body = RestClient.post(\"#{ENV['SYNC_URL']}/items\", { id: id }.to_json)\n"
        "+    Item.find(id).update!(synced_at: Time.current)\n"
        "     Remote.pull(id)\n"
        "   end\n"
    )
    assert _diff_lines(diff) == [11]


def test_a_hunk_that_cuts_a_connection_setup_short_is_quiet() -> None:
    """The timeout may be set on the connection in lines the hunk does not show."""
    cut = (
        "diff --git a/app/services/notifier.rb b/app/services/notifier.rb\n"
        "--- a/app/services/notifier.rb\n"
        "+++ b/app/services/notifier.rb\n"
        "@@ -20,2 +20,4 @@ class Notifier\n"
        "   def deliver(uri, body)\n"
        "+    http = Net::HTTP.new(uri.host, uri.port)\n"
        "+    http.use_ssl = true\n"
        "     http.verify_mode = OpenSSL::SSL::VERIFY_PEER\n"
    )
    assert _diff_lines(cut) == []
    whole = cut.replace("@@ -20,2 +20,4 @@", "@@ -20,4 +20,6 @@") + "     http.post(uri.path, body)\n   end\n"
    assert _diff_lines(whole) == [21]


def test_http_rb_chain_with_timeout_anywhere_is_quiet_and_other_http_constants_are_not_http_rb() -> None:
    code = (
        "class Feeds\n"
        "  def a(url) = HTTP.headers(accept: 'text/xml').timeout(5).get(url).to_s\n"
        "  def b(url) = HTTP.get(url).to_s\n"                                   # 3
        "  def c(url) = Api::HTTP.get(url)\n"
        "  def d(url) = client.get(url)\n"
        "end\n"
    )
    assert _lines(code) == [3]


def test_bare_verb_calls_in_class_methods_of_an_httparty_class() -> None:
    code = (
        "class CarrierApi\n"
        "  include HTTParty\n"
        "  base_uri ENV.fetch('CARRIER_URL')\n"
        "\n"
        "  def self.track(number)\n"
        "    get(\"/v1/track/#{number}\")\n"                        # 6
        "  end\n"
        "\n"
        "  class << self\n"
        "    def label(id)\n"
        "      post('/v1/labels', body: { id: id }.to_json)\n"    # 11
        "    end\n"
        "  end\n"
        "\n"
        "  def get(key)\n"
        "    cache.get(key)\n"
        "  end\n"
        "\n"
        "  def refresh\n"
        "    get(:token)\n"
        "  end\n"
        "end\n"
    )
    assert _lines(code) == [6, 11]
    plain = code.replace("  include HTTParty\n", "")
    assert _lines(plain) == []


def test_typhoeus_without_timeout_is_reported_and_with_one_is_quiet() -> None:
    code = (
        "class AvatarFetcher\n"
        "  def call(url)\n"
        "    Typhoeus.get(url, followlocation: true)\n"
        "    Typhoeus::Request.new(url, method: :post, body: '{}').run\n"
        "    Typhoeus.get(url, timeout: 10, connecttimeout: 3)\n"
        "    Typhoeus::Request.new(url, timeout_ms: 5000).run\n"
        "    Typhoeus.post(url, **options)\n"
        "  end\n"
        "end\n"
    )
    assert _lines(code) == [3, 4]
