"""RB-ACTION-OUTSIDE-AUTHZ-FILTER: an action left out of an authorization filter's `only:` list that writes
the record the controller loads, on controllers written for these tests."""

from __future__ import annotations

import pytest

from .helpers import findings_of

_CONTROLLER = """class DocsController < ApplicationController
  before_action :authenticate_user!
  before_action :set_doc
  {filter}

  def destroy
    @doc.destroy!
    head :no_content
  end

  def lock
    @doc.update!(locked: true)
    head :no_content
  end

  private

  def set_doc
    @doc = Doc.find(params[:id])
  end
end
"""


def _lines(filter_: str) -> list[int]:
    text = _CONTROLLER.format(filter=filter_)
    return sorted(line for line, rule in findings_of("app/controllers/docs_controller.rb", text)
                  if rule == "RB-ACTION-OUTSIDE-AUTHZ-FILTER")


@pytest.mark.parametrize("filter_", ["before_action :require_doc_owner!, only: %i[update destroy]",
                                     "before_action :authorize_editor, only: [:edit, :destroy]"])
def test_a_writing_action_missing_from_the_list_is_reported(filter_: str) -> None:
    assert _lines(filter_) == [11]


@pytest.mark.parametrize("filter_", [
    "before_action :require_doc_owner!, only: %i[update destroy lock]",
    "before_action :require_doc_owner!",
    "before_action :require_doc_owner!, except: %i[show]",
    "before_action :require_recent_login!, only: %i[destroy]",
    "before_action :track_visit, only: %i[destroy]",
    "before_action :require_doc_owner!, only: %i[show]",
])
def test_listed_guarded_everywhere_or_not_an_authorization_filter_is_quiet(filter_: str) -> None:
    assert _lines(filter_) == []


_SERVICE_CONTROLLER = """class TicketsController < ApplicationController
  before_action :authenticate_user!
  before_action :ensure_helpdesk_operator!, only: %i[close]
  before_action :load_ticket

  def close
    @ticket.update!(closed: true)
  end

  def {action}
    {line}
    redirect_to @ticket
  end

  private

  def load_ticket
    @ticket = Ticket.find(params[:id])
  end
end
"""


def _service_lines(action: str, line: str) -> list[int]:
    text = _SERVICE_CONTROLLER.format(action=action, line=line)
    return sorted(n for n, rule in findings_of("app/controllers/tickets_controller.rb", text)
                  if rule == "RB-ACTION-OUTSIDE-AUTHZ-FILTER")


@pytest.mark.parametrize("line", [
    "Credits::Grant.new(ticket: @ticket, by: current_user).call",
    "CompensationJob.perform_later(@ticket)",
    "@ticket.escalate!",
])
def test_a_service_job_or_bang_state_change_on_the_record_is_a_write(line: str) -> None:
    assert _service_lines("compensate", line) == [10]


@pytest.mark.parametrize("line", [
    "@ticket.reload!",
    "Credits::Preview.new(ticket_id: @ticket.id).to_h",
    "ensure_helpdesk_operator!; Credits::Grant.new(ticket: @ticket).call",
])
def test_a_read_or_a_guarded_service_call_is_quiet(line: str) -> None:
    assert _service_lines("compensate", line) == []


def test_a_block_filter_calling_the_authorization_method_is_read_like_a_named_one() -> None:
    assert _lines("before_action -> { require_doc_owner! }, only: %i[update destroy]") == [11]
    assert _lines("before_action -> { require_doc_owner! }, only: %i[update destroy lock]") == []
