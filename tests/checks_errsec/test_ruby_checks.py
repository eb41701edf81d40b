"""Ruby/Rails checks: what the per-method value view makes safe or unsafe, in snippets written for these
tests (the fixture `orders_controller.rb` holds one flagged line per check with its near misses)."""

from __future__ import annotations

from persona_review.checks.runner import run_checks
from persona_review.contexts import build_context, context_for_text
from persona_review.diff import parse_diff
from persona_review.findings import Category, Severity

from .helpers import findings_of

CONTROLLER = "app/controllers/items_controller.rb"


def _lines(code: str, rule: str, path: str = CONTROLLER) -> list[int]:
    return sorted(line for line, found in findings_of(path, code) if found == rule)


def _method(*body: str) -> str:
    lines = "".join(f"    {line}\n" for line in body)
    return f"class ItemsController < ApplicationController\n  def index\n{lines}  end\nend\n"


# --- SQL ---------------------------------------------------------------------------------------------


def test_a_parameter_read_two_lines_above_is_followed_into_the_fragment() -> None:
    code = _method(
        "term = params[:q]",
        "pattern = \"%#{term}%\"",
        "Item.where(\"title LIKE '#{pattern}'\")",
    )
    assert _lines(code, "RB-SQL-INTERPOLATION") == [5]


def test_values_made_safe_above_the_query_are_not_flagged() -> None:
    code = _method(
        "sort = params[:sort]",
        "raise ActionController::BadRequest unless %w[name price].include?(sort)",
        "Item.order(\"#{sort} DESC\")",
        "limit = params[:limit].to_i",
        "Item.where(\"rank < #{limit}\")",
        "Item.where(\"title = #{Item.connection.quote(params[:q])}\")",
        "Item.where(\"#{Item.quoted_table_name}.id = 1\")",
        "Item.where(\"kind = '#{KINDS[params[:kind]]}'\")",
        "dir = params[:dir] =~ /\\A(asc|desc)\\z/i ? params[:dir] : 'asc'",
    )
    assert _lines(code, "RB-SQL-INTERPOLATION") == []


def test_a_helper_of_the_same_file_that_checks_an_allow_list_is_safe() -> None:
    code = (
        "class ItemsController < ApplicationController\n"
        "  def index\n"
        "    Item.order(\"#{sort_column} #{sort_direction}\")\n"
        "  end\n"
        "\n"
        "  private\n"
        "\n"
        "  def sort_column\n"
        "    %w[name price].include?(params[:sort]) ? params[:sort] : \"name\"\n"
        "  end\n"
        "\n"
        "  def sort_direction\n"
        "    \"desc\"\n"
        "  end\n"
        "end\n"
    )
    assert _lines(code, "RB-SQL-INTERPOLATION") == []


def test_a_method_argument_in_a_fragment_is_flagged_as_unknown() -> None:
    code = "class Item < ApplicationRecord\n  def self.named(name)\n    where(\"name = '#{name}'\")\n  end\nend\n"
    outcome = run_checks([context_for_text("app/models/item.rb", code)], categories=[Category.SECURITY])
    [finding] = [f for f in outcome.findings if f.rule_id == "RB-SQL-INTERPOLATION"]
    assert finding.line == 3 and "`name`" in finding.body and "request data" not in finding.body
    assert finding.severity == Severity.MEDIUM  # request data would be high


def test_sql_built_with_append_and_heredocs_is_followed() -> None:
    code = _method(
        "sql = \"SELECT * FROM items WHERE 1=1\"",
        "sql << \" AND owner = '#{params[:owner]}'\"",
        "ActiveRecord::Base.connection.execute(sql)",
        "report = <<~SQL",
        "  SELECT id FROM items WHERE tag = '#{params[:tag]}'",
        "SQL",
        "Item.find_by_sql(report)",
        "fixed = <<~SQL",
        "  SELECT id FROM items WHERE tag = 'x'",
        "SQL",
        "Item.find_by_sql(fixed)",
    )
    assert _lines(code, "RB-SQL-INTERPOLATION") == [5, 9]


def test_continued_strings_appends_and_update_all_conditions_are_read() -> None:
    code = _method(
        "sql = \"SELECT id FROM items \" \\",
        "  \"WHERE owner = '#{params[:owner]}'\"",
        "Item.find_by_sql(sql)",
        "clause = \"state = 'open'\"",
        "clause += \" AND tag = '#{tag}'\"",
        "Item.where(clause)",
        "Item.update_all(\"seen = true\", \"owner = '#{params[:owner]}'\")",
        "total = 0",
        "total += 10",
        "Item.where(\"rank > #{total}\")",
    )
    assert _lines(code, "RB-SQL-INTERPOLATION") == [5, 8, 9]


def test_an_assignment_in_a_dead_branch_does_not_taint() -> None:
    code = _method(
        "if true",
        "  clause = \"state = 'open'\"",
        "else",
        "  clause = \"state = '#{params[:state]}'\"",
        "end",
        "Item.where(clause)",
    )
    assert _lines(code, "RB-SQL-INTERPOLATION") == []


def test_an_assignment_in_a_live_branch_joins_the_value_before_it() -> None:
    code = _method(
        "clause = \"state = 'open'\"",
        "if params[:all]",
        "  clause = \"state = '#{params[:state]}'\"",
        "end",
        "Item.where(clause)",
    )
    assert _lines(code, "RB-SQL-INTERPOLATION") == [7]


def test_enumerable_select_and_sum_are_not_queries() -> None:
    code = _method(
        "prices.select { |p| p > params[:min].to_f }",
        "totals.sum { |t| t.amount }",
        "names.count(\"#{params[:x]}\")",
    )
    assert _lines(code, "RB-SQL-INTERPOLATION") == [5]  # `count` with a receiver reads as a query


# --- the other request-data sinks --------------------------------------------------------------------


def test_route_values_and_literals_do_not_choose_templates() -> None:
    code = _method("render params[:action]", "render \"items/#{params[:id].to_i}\"", "render params[:view]")
    assert _lines(code, "RB-FILE-PATH") == [5]


def test_redirects_to_paths_built_in_code_are_safe() -> None:
    code = _method(
        "redirect_to item_path(params[:id])",
        "redirect_to \"/items/#{params[:id]}\"",
        "redirect_to params.permit(:page).merge(only_path: true)",
        "redirect_to params[:next], only_path: true",
        "redirect_to \"#{params[:host]}/items\"",
    )
    assert _lines(code, "RB-OPEN-REDIRECT") == [6, 7]


def test_a_target_checked_in_the_condition_is_not_flagged() -> None:
    bodies = [
        ["redirect_to params[:to] if params[:to].start_with?(\"/\")"],
        ["redirect_to params[:to] if params[:to].start_with?(\"http\")"],
        ["redirect_to params[:back] if safe_return_path?(params[:back])"],
        ["target = params[:next]", "target = root_path unless %w[/home /help].include?(target)",
         "redirect_to target"],
        ["redirect_to params[:to] unless params[:to].blank?"],
    ]
    flagged = [bool(_lines(_method(*body), "RB-OPEN-REDIRECT")) for body in bodies]
    assert flagged == [False, True, False, False, True]


def test_shell_commands_are_judged_by_what_the_shell_reads() -> None:
    code = _method(
        "system(\"bash\", \"-c\", params[:script])",
        "system(\"git\", \"log\", params[:ref])",
        "Open3.capture2(\"git log #{params[:ref]}\")",
        "Open3.capture2(\"git\", \"log\", params[:ref])",
        "IO.popen(\"uptime\")",
    )
    assert _lines(code, "RB-SHELL-INTERPOLATION") == [3, 5]


def test_mass_assignment_of_ids_and_permitted_params_is_fine() -> None:
    code = _method(
        "Item.find(params[:id])",
        "Item.update(params[:id], state: 'sold')",
        "Item.create(params.require(:item).permit(:name))",
        "Item.create(params[:item])",
        "ExportService.new(params[:item])",
        "ActionController::Parameters.permit_all_parameters = true",
    )
    assert _lines(code, "RB-MASS-ASSIGNMENT") == [6, 8]


def test_unescaped_html_needs_request_data_or_interpolation() -> None:
    code = _method(
        "'<br>'.html_safe",
        "raw(params[:bio])",
        "\"<em>#{current_user.name}</em>\".html_safe",
        "render inline: \"<%= #{params[:expr]} %>\"",
        "render html: params[:x], content_type: 'text/plain'",
    )
    assert _lines(code, "RB-UNESCAPED-HTML") == [4, 5, 6]


# --- errors and secrets ------------------------------------------------------------------------------


def test_a_rescue_that_reports_or_reraises_is_not_swallowed() -> None:
    code = (
        "class SyncJob < ApplicationJob\n"
        "  def perform\n"
        "    fetch\n"
        "  rescue => e\n"
        "    Rails.error.report(e)\n"
        "  end\n"
        "\n"
        "  def other\n"
        "    fetch\n"
        "  rescue StandardError\n"
        "    false\n"
        "  end\n"
        "\n"
        "  def third\n"
        "    fetch\n"
        "  rescue Timeout::Error\n"
        "    nil\n"
        "  end\n"
        "end\n"
    )
    assert _lines(code, "RB-RESCUE-SWALLOW", "app/jobs/sync_job.rb") == [10]


def test_a_rescue_modifier_is_only_flagged_on_io_or_database_calls() -> None:
    code = _method(
        "size = Integer(params[:size]) rescue 10",
        "data = JSON.parse(body) rescue {}",
        "order.save! rescue nil",
        "body = Net::HTTP.get(uri) rescue nil",
    )
    assert _lines(code, "RB-RESCUE-MODIFIER") == [5, 6]


def test_a_rescue_modifier_statement_that_the_code_below_carries_on_from_is_flagged() -> None:
    code = _method(
        "transfer = current_account.transfers.build(transfer_params)",
        "LedgerClient.post_entry!(transfer) rescue nil",
        "transfer.status = :submitted",
        "items.each { |item| item.sync_remote! rescue nil; item.touch }",
        "if transfer.priority?",
        "  Notifier.page_on_call(transfer) rescue false",
        "  transfer.save!",
        "end",
        "render json: transfer",
    )
    assert _lines(code, "RB-RESCUE-MODIFIER") == [4, 6, 8]


def test_a_rescue_modifier_that_gives_a_value_or_cleans_up_is_not_a_dropped_statement() -> None:
    code = _method(
        "settings = Settings.load_for(current_user) rescue nil",
        "tempfile.close rescue nil",
        "remove_stale_uploads(dir) rescue nil",
        "warm_caches rescue nil",
        "Time.zone.parse(params[:since]) rescue nil",
        "render json: settings",
    )
    ending = _method("audit = Audit.start(params[:id])", "Report.render_summary(audit) rescue nil")
    in_ensure = ("class ItemsController < ApplicationController\n  def index\n    run\n  ensure\n"
                 "    Tracker.finish_span(span) rescue nil\n    log_done\n  end\nend\n")
    assert _lines(code, "RB-RESCUE-MODIFIER") == []
    assert _lines(ending, "RB-RESCUE-MODIFIER") == []
    assert _lines(in_ensure, "RB-RESCUE-MODIFIER") == []


def test_secret_fallbacks_name_the_variable_never_the_value() -> None:
    code = (
        "Rails.application.configure do\n"
        "  config.jwt_key = ENV.fetch(\"JWT_SIGNING_KEY\") { \"s3cr3t-value-9\" }\n"
        "  config.port = ENV.fetch(\"PORT\", \"3000\")\n"
        "  config.api_password = ENV.fetch(\"API_PASSWORD\", nil) || \"hunter22-value\"\n"
        "end\n"
    )
    outcome = run_checks([context_for_text("config/application.rb", code)], categories=[Category.SECURITY])
    found = [f for f in outcome.findings if f.rule_id == "RB-SECRET-FALLBACK"]
    assert [f.line for f in found] == [2, 4]
    assert "JWT_SIGNING_KEY" in found[0].body
    assert all("s3cr3t" not in f.body and "hunter22" not in f.body for f in found)


def test_secrets_in_logs_are_judged_by_name_and_masking() -> None:
    code = _method(
        "Rails.logger.info(\"token #{api_token}\")",
        "Rails.logger.info(\"token present: #{api_token.present?}\")",
        "Rails.logger.info(\"reset sent at #{user.reset_password_sent_at}\")",
        "logger.warn(request.headers[\"Authorization\"])",
        "puts \"password=#{password}\"",
    )
    assert _lines(code, "RB-SECRET-IN-LOG") == [3, 6, 7]


# --- hunks and speed ---------------------------------------------------------------------------------


def test_a_hunk_is_judged_on_what_it_shows() -> None:
    """A hunk that starts inside a method cannot see the assignment above it: an unknown local is not
    reported, but request data in view is."""
    diff = (
        "diff --git a/app/controllers/items_controller.rb b/app/controllers/items_controller.rb\n"
        "--- a/app/controllers/items_controller.rb\n"
        "+++ b/app/controllers/items_controller.rb\n"
        "@@ -40,3 +40,5 @@ class ItemsController < ApplicationController\n"
        "     @items = Item.all\n"
        "+    @items = Item.where(\"owner = '#{owner}'\")\n"
        "+    @items = Item.where(\"owner = '#{params[:owner]}'\")\n"
        "     render :index\n"
        "   end\n"
    )
    contexts = [build_context(f) for f in parse_diff(diff).files]
    outcome = run_checks(contexts, categories=[Category.SECURITY])
    assert [(f.line, f.rule_id) for f in outcome.findings] == [(42, "RB-SQL-INTERPOLATION")]


def test_broken_ruby_never_sinks_the_review() -> None:
    code = "class X\n  def y(\n    where(\"a = #{params[:a]}\"\n  rescue =>\nend end end\n\x00\n"
    outcome = run_checks([context_for_text(CONTROLLER, code)])
    assert outcome.notices == []


# --- what real Rails code does that is not a finding -------------------------------------------------


def test_code_chosen_names_in_fragments_are_not_flagged() -> None:
    code = (
        "class Item < ApplicationRecord\n"
        "  KINDS = %w[book film].freeze\n"
        "  def self.page(items, column: :id, limit: 20)\n"
        "    items.where(\"#{items.table_name}.#{column} > ?\", 0).limit(limit)\n"
        "  end\n"
        "\n"
        "  KINDS.each do |kind|\n"
        "    define_method(\"#{kind}_count\") { where(\"kind LIKE '#{kind}%'\").count }\n"
        "  end\n"
        "\n"
        "  def self.near(point)\n"
        "    area = point.sql_for_area(\"lat\", \"lon\")\n"
        "    where(\"#{area} AND #{arel_table.name}.visible\")\n"
        "  end\n"
        "\n"
        "  def self.lookup(params)\n"
        "    find_by(params)\n"
        "  end\n"
        "end\n"
        "\n"
        "class FoldedUniquenessValidator < ActiveModel::EachValidator\n"
        "  def validate_each(record, attribute, value)\n"
        "    record.class.where(\"LOWER(#{attribute}) = LOWER(?)\", value)\n"
        "  end\n"
        "end\n"
    )
    assert _lines(code, "RB-SQL-INTERPOLATION", "app/models/item.rb") == []


def test_url_for_with_permitted_keys_keeps_the_host() -> None:
    bodies = [
        ["redirect_to url_for(params.permit(:page, :sort))"],
        ["kept = params.permit(:page).merge(sort: nil)", "redirect_to url_for(kept)"],
        ["redirect_to url_for(params.permit(:page, :host))"],
        ["redirect_to url_for(params.except(:action))"],
    ]
    flagged = [bool(_lines(_method(*body), "RB-OPEN-REDIRECT")) for body in bodies]
    assert flagged == [False, False, True, True]


def test_routes_session_state_and_settings_are_not_secrets() -> None:
    code = (
        "Rails.application.routes.draw do\n"
        "  get \"forgot-password\" => \"passwords#new\"\n"
        "end\n"
        "session[:password_reset_reason] = \"compromised\"\n"
        "PERMISSIONS = { \"id-token\": \"write\", token_type: \"bearer\" }\n"
        "S3 = { secret_access_key: \"s\" }\n"
        "SMTP = { password: \"Sm7p-pa55word\" }\n"
    )
    assert _lines(code, "RB-HARDCODED-SECRET", "config/routes.rb") == [7]


def test_log_lines_that_name_a_secret_without_its_value_are_fine() -> None:
    code = _method(
        "logger.info { { api_key: api_key&.id, roles: api_key_roles.size } }",
        "logger.tagged(api_key_id: api_key.id) { run }",
        "logger.info(\"key #{api_key.to_s}\")",
    )
    assert _lines(code, "RB-SECRET-IN-LOG") == [5]


def test_exception_text_is_a_leak_only_where_the_error_is_unexpected() -> None:
    code = (
        "class PaymentsController < ApplicationController\n"
        "  def create\n"
        "    charge!\n"
        "  rescue => e\n"
        "    render plain: e.message\n"  # a broad rescue without a status answers 200 with the text
        "  end\n"
        "\n"
        "  def update\n"
        "    charge!\n"
        "  rescue ActiveRecord::RecordInvalid => e\n"
        "    render json: { error: e.message }, status: :unprocessable_entity\n"
        "  end\n"
        "\n"
        "  def show\n"
        "    charge!\n"
        "  rescue ActiveRecord::RecordInvalid => e\n"
        "    render json: { trace: e.backtrace }, status: :unprocessable_entity\n"
        "  end\n"
        "end\n"
    )
    assert _lines(code, "RB-EXCEPTION-LEAK") == [5, 17]


def test_tokens_from_rand_and_secrets_compared_with_equals() -> None:
    code = (
        "class Token\n"
        "  def self.generate_token\n"
        "    Array.new(20) { rand(36).to_s(36) }.join\n"
        "  end\n"
        "\n"
        "  def issue\n"
        "    @otp = Random.rand(100_000..999_999)\n"
        "    @reset_code = SecureRandom.random_number(10**6)\n"
        "    @api_key = SecureRandom.alphanumeric(32).chars.shuffle.join\n"
        "    @colour_id = rand(3)\n"
        "  end\n"
        "\n"
        "  def verify(candidate)\n"
        "    return false if candidate.otp != otp\n"
        "    return false if BCrypt::Password.new(recovery_digest) == candidate.code\n"
        "    return false if request.headers[\"X-Hub-Signature-256\"] != expected\n"
        "    token.length == 32 && token_digest == nil\n"
        "  end\n"
        "end\n"
    )
    assert _lines(code, "RB-INSECURE-RANDOM", "app/models/token.rb") == [3, 7]
    assert _lines(code, "RB-TIMING-COMPARE", "app/models/token.rb") == [14, 16]


# --- decoded request data --------------------------------------------------------------------------


def test_request_data_decoded_from_base64_is_still_request_data() -> None:
    code = _method(
        "blob = Base64.strict_decode64(cookies[:prefs].to_s)",
        "prefs = Marshal.load(blob)",
        "cart = YAML.unsafe_load(CGI.unescape(params[:cart]))",
        "seed = Marshal.load(Base64.decode64(DEFAULT_PREFS))",
        "size = Base64.decode64(params[:blob]).bytesize",
    )
    assert _lines(code, "RB-CODE-INJECTION") == [4, 5]


def test_a_cache_or_file_lookup_by_an_interpolated_key_is_no_sql() -> None:
    code = (
        "class PermissionCache\n"
        "  def cached?(user_id, repo_id)\n"
        "    key = \"perm::#{user_id}::#{repo_id}\"\n"
        "    return true if redis.exists?(key)\n"
        "    return true if Rails.cache.exist?(key) || File.exists?(\"/tmp/#{key}\")\n"
        "    Permission.exists?(\"user_id = #{user_id}\")\n"
        "  end\n"
        "end\n"
    )
    outcome = run_checks([context_for_text("lib/permission_cache.rb", code)], categories=[Category.SECURITY])
    assert [f.line for f in outcome.findings if f.rule_id == "RB-SQL-INTERPOLATION"] == [6]
