"""Ruby outbound requests to a URL the caller names (RB-SSRF: Net::HTTP, open-uri, Faraday, HTTParty,
rest-client, http.rb) and Sequel's `Sequel.lit` given interpolated request data; each with quiet
look-alikes (a fixed host, a configured base URL, bound values)."""

from __future__ import annotations

import pytest

from .helpers import findings_of


def _method(body: str) -> str:
    return f"class FetchController < ApplicationController\n  API_BASE = 'https://api.example.com'\n\n  def show\n{body}\n  end\nend\n"


def _rules(body: str) -> set[str]:
    return {rule for _line, rule in findings_of("app/controllers/fetch_controller.rb", _method(body))}


@pytest.mark.parametrize("body", [
    "    Net::HTTP.get(URI(params[:url]))",
    "    uri = URI.parse(params[:url])\n    Net::HTTP.get_response(uri)",
    "    uri = URI.parse(params[:url])\n    Net::HTTP.start(uri.host, uri.port) { |http| http.get('/') }",
    "    URI.open(params[:image_url]).read",
    "    URI.parse(params[:feed]).read",
    "    Faraday.get(params[:url])",
    "    conn = Faraday.new(url: params[:webhook])\n    conn.post('/', '{}')",
    "    HTTParty.get(params[:callback_url])",
    "    RestClient.post(params[:hook], {})",
    "    HTTP.get(\"https://#{params[:host]}/status\")",
    "    HTTParty.get(format('https://%s/status', params[:host]))",
])
def test_outbound_request_to_request_url_is_reported(body: str) -> None:
    assert "RB-SSRF" in _rules(body)


@pytest.mark.parametrize("body", [
    "    Net::HTTP.get(URI(\"https://api.example.com/items/#{params[:id]}\"))",
    "    HTTParty.get(\"#{API_BASE}/items/#{params[:id]}\")",
    "    HTTParty.get(API_BASE + '/items/' + params[:id])",
    "    Faraday.get('https://api.example.com/search', q: params[:q])",
    "    HTTParty.post(Setting.webhook_url, body: params[:payload])",
    "    RestClient.get(format('https://api.example.com/items/%s', params[:id]))",
    "    uri = URI.parse(params[:url])\n    render plain: uri.host",
    "    URI.parse(CONFIG_URL).read",
])
def test_fixed_or_configured_host_is_quiet(body: str) -> None:
    assert "RB-SSRF" not in _rules(body)


def test_parsed_url_path_stays_unjudged_for_redirects() -> None:
    """Following `URI.parse` must not turn `URI.parse(x).path`, the usual way to keep a redirect on this
    site, into a finding."""
    assert "RB-OPEN-REDIRECT" not in _rules("    redirect_to URI.parse(params[:return_to]).path")
    assert "RB-OPEN-REDIRECT" in _rules("    redirect_to URI.parse(params[:return_to]).to_s")


def test_formatted_path_redirect_is_quiet() -> None:
    assert "RB-OPEN-REDIRECT" not in _rules("    redirect_to format('/users/%s', params[:id])")
    assert "RB-OPEN-REDIRECT" in _rules("    redirect_to format('%s/users', params[:site])")


@pytest.mark.parametrize(("body", "flagged"), [
    ("    Item.where(Sequel.lit(\"name = '#{params[:name]}'\")).all", True),
    ("    DB[:items].order(Sequel.lit(params[:sort])).all", True),
    ("    Item.where(Sequel.lit('name = ?', params[:name])).all", False),
    ("    Item.where(Sequel.lit('price > 0')).all", False),
    ("    Item.where(Sequel.lit(\"state = '#{Item::ACTIVE}'\")).all", False),
])
def test_sequel_literal_sql(body: str, flagged: bool) -> None:
    assert ("RB-SQL-INTERPOLATION" in _rules(body)) is flagged
