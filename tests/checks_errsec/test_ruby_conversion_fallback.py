"""RB-RESCUE-SWALLOW: a rescue that gives the fallback value of a conversion (a helper parsing a timestamp
returns nil for text that does not parse) is the method's answer, not a dropped error; a rescue around I/O,
around more than the conversion, or with an empty body is still reported."""

from __future__ import annotations

from persona_review.checks.runner import run_checks
from persona_review.contexts import context_for_text
from persona_review.findings import Category

_CODE = """class Feed
  def parse_timestamp(value)
    Time.zone.parse(value) if value.present?
  rescue StandardError
    nil
  end

  def page_number(raw)
    Integer(raw, 10)
  rescue
    1
  end

  def user_info
    @user_info ||= begin
      response = access_token.get("https://api.example.com/user")
      response.parsed["user"] || {}
    rescue StandardError
      {}
    end
  end

  def fetched_at(url)
    Time.zone.parse(HTTP.get(url).headers["Date"])
  rescue StandardError
    nil
  end

  def imported(value)
    stamp = Time.zone.parse(value)
    record.update!(stamp: stamp)
  rescue StandardError
    nil
  end

  def quiet_parse(value)
    Date.parse(value)
  rescue StandardError
  end
end
"""


def test_conversion_fallbacks_are_quiet_and_swallowed_failures_are_reported() -> None:
    outcome = run_checks([context_for_text("app/models/feed.rb", _CODE)], categories=(Category.ERROR_HANDLING,))
    lines = sorted(f.line for f in outcome.findings if f.rule_id == "RB-RESCUE-SWALLOW")
    # 4 and 10: a parse and an Integer() with a stated fallback; 18: an HTTP request; 25: a parse of a
    # fetched value (I/O); 32: a write after the parse; 38: an empty body states no fallback.
    assert lines == [18, 25, 32, 38]
