"""Ruby web frameworks beyond Rails (batch 21, h77): Sinatra's and Grape's `redirect`, Hanami's
`response.redirect_to`, and Sequel's `DB.fetch`/`DB.run`/`DB[...]` SQL; each with a quiet look-alike."""

from __future__ import annotations

import pytest

from .helpers import findings_of


def _rules(path: str, text: str) -> set[str]:
    return {rule for _line, rule in findings_of(path, text)}


SINATRA = """require 'sinatra/base'

class App < Sinatra::Base
  get '/go' do
    redirect params[:next]
  end

  get '/search' do
    DB.fetch("SELECT * FROM items WHERE name = '#{params[:q]}'").all.to_json
  end

  get '/raw' do
    DB["SELECT * FROM items WHERE name = '#{params[:q]}'"].all.to_json
  end
end
"""


def test_sinatra_redirect_and_sequel_sql_are_read() -> None:
    found = findings_of("app/app.rb", SINATRA)
    assert (5, "RB-OPEN-REDIRECT") in found
    assert (9, "RB-SQL-INTERPOLATION") in found
    assert (13, "RB-SQL-INTERPOLATION") in found


@pytest.mark.parametrize(("old", "new", "rule"), [
    ("redirect params[:next]", "redirect '/home'", "RB-OPEN-REDIRECT"),
    ("DB.fetch(\"SELECT * FROM items WHERE name = '#{params[:q]}'\")",
     "DB.fetch('SELECT * FROM items WHERE name = ?', params[:q])", "RB-SQL-INTERPOLATION"),
    ("DB[\"SELECT * FROM items WHERE name = '#{params[:q]}'\"]", "DB[:items].where(name: params[:q])",
     "RB-SQL-INTERPOLATION"),
])
def test_quiet_look_alikes(old: str, new: str, rule: str) -> None:
    text = SINATRA.replace(old, new)
    lines = {line for line, found in findings_of("app/app.rb", text) if found == rule}
    assert SINATRA.splitlines().index(next(line for line in SINATRA.splitlines() if old in line)) + 1 not in lines


HANAMI = """module Main
  module Actions
    class Go < Main::Action
      def handle(request, response)
        response.redirect_to(request.params[:next])
      end
    end
  end
end
"""


def test_hanami_response_redirect_to() -> None:
    assert "RB-OPEN-REDIRECT" in _rules("slices/main/actions/go.rb", HANAMI)
    assert "RB-OPEN-REDIRECT" not in _rules("slices/main/actions/go.rb",
                                            HANAMI.replace("request.params[:next]", "'/dashboard'"))


def test_a_redirect_on_another_object_is_not_a_response_redirect() -> None:
    text = HANAMI.replace("response.redirect_to(", "router.redirect_to(")
    assert "RB-OPEN-REDIRECT" not in _rules("slices/main/actions/go.rb", text)


def test_a_hash_named_like_a_database_is_not_a_sequel_dataset() -> None:
    text = ("def credentials(db)\n  database = YAML.load_file('config/database.yml')\n"
            "  return database[\"#{db}\"]['username'], DB[\"#{db}\"]['password']\nend\n")
    assert "RB-SQL-INTERPOLATION" not in _rules("lib/sync.rb", text)
