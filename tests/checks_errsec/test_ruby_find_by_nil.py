"""RB-FIND-BY-NIL: a `find_by` result used as if the record always exists."""

from __future__ import annotations

import pytest

from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text

RULE = "RB-FIND-BY-NIL"


def _found(text: str, path: str = "app/controllers/passwords_controller.rb") -> list[tuple[int, int | None]]:
    return sorted((f.line or 0, f.end_line) for f in run_checks([context_for_text(path, text)]).findings
                  if f.rule_id == RULE)


_CONTROLLER = """class PasswordsController < ApplicationController
  def create
    user = User.find_by(email: params[:email])
    user.send_reset_password_instructions
    head :no_content
  end
end
"""

_CHAINED = """class ApiKeysController < ApplicationController
  def destroy
    current_account.api_keys.find_by(token: params[:token]).destroy
    head :no_content
  end
end
"""

_DYNAMIC = """class InvitesController < ApplicationController
  def accept
    invite = Invite.find_by_code(params[:code])
    invite.accept!(current_user)
    redirect_to root_path
  end
end
"""

_JOB = """class SyncAccountJob < ApplicationJob
  queue_as :default

  def perform(account_id)
    account = Account.find_by(id: account_id)
    account.sync_balances!
  end
end
"""


@pytest.mark.parametrize(("text", "path", "span"), [
    (_CONTROLLER, "app/controllers/passwords_controller.rb", (3, 4)),
    (_CHAINED, "app/controllers/api_keys_controller.rb", (3, None)),
    (_DYNAMIC, "app/controllers/invites_controller.rb", (3, 4)),
    (_JOB, "app/jobs/sync_account_job.rb", (5, 6)),
])
def test_find_by_result_used_without_a_nil_check_is_reported(text: str, path: str,
                                                             span: tuple[int, int | None]) -> None:
    assert _found(text, path) == [span]


@pytest.mark.parametrize(("text", "path"), [
    (_CONTROLLER.replace("find_by(", "find_by!("), "app/controllers/passwords_controller.rb"),
    (_CONTROLLER.replace("    user.send", "    return head(:not_found) unless user\n    user.send"),
     "app/controllers/passwords_controller.rb"),
    (_CONTROLLER.replace("user.send_reset_password_instructions", "user&.send_reset_password_instructions"),
     "app/controllers/passwords_controller.rb"),
    (_CONTROLLER.replace("user.send_reset_password_instructions", "user.send_reset_password_instructions if user"),
     "app/controllers/passwords_controller.rb"),
    (_CHAINED.replace(").destroy", ")&.destroy"), "app/controllers/api_keys_controller.rb"),
    (_CHAINED.replace(").destroy", ").present?"), "app/controllers/api_keys_controller.rb"),
    # a key the server holds
    (_CONTROLLER.replace("params[:email]", "current_user.email"), "app/controllers/passwords_controller.rb"),
    (_JOB.replace("id: account_id", "id: 1"), "app/jobs/sync_account_job.rb"),
    # not a controller, job or service
    (_CONTROLLER, "app/models/user.rb"),
    (_JOB, "spec/jobs/sync_account_job_spec.rb"),
])
def test_checked_or_out_of_scope_lookups_are_quiet(text: str, path: str) -> None:
    assert _found(text, path) == []
