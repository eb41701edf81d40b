"""The Ruby flow binds a private helper's parameters to what the file's calls pass it: request data handed to
`decode(params[:cursor])` reaches `Marshal.load` inside `def decode(token)`."""

from __future__ import annotations

from .helpers import findings_of

CONTROLLER = """\
class ActivitiesController < ApplicationController
  def index
    created_at, id = decode_cursor({argument})
    render json: {{ created_at: created_at, id: id }}
  end

  {visibility}

  def decode_cursor(token)
    Marshal.load(Base64.urlsafe_decode64(token))
  end
end
"""


def _rules(argument: str, visibility: str = "private") -> set[tuple[int, str]]:
    text = CONTROLLER.format(argument=argument, visibility=visibility)
    return findings_of("app/controllers/activities_controller.rb", text)


def test_request_data_passed_to_a_private_helper_reaches_its_sink() -> None:
    assert (10, "RB-CODE-INJECTION") in _rules("params[:cursor]")


def test_a_constant_passed_to_the_helper_is_quiet() -> None:
    assert (10, "RB-CODE-INJECTION") not in _rules("DEFAULT_CURSOR")


def test_a_public_method_is_not_bound_to_this_file_s_calls() -> None:
    assert (10, "RB-CODE-INJECTION") not in _rules("params[:cursor]", visibility="public")


def test_the_helper_s_locals_built_from_the_parameter_carry_it() -> None:
    text = CONTROLLER.format(argument="params[:cursor]", visibility="private").replace(
        "    Marshal.load(Base64.urlsafe_decode64(token))\n",
        "    raw = Base64.urlsafe_decode64(token)\n    Marshal.load(raw)\n",
    )
    assert (11, "RB-CODE-INJECTION") in findings_of("app/controllers/activities_controller.rb", text)
