# want: RB-TIMING-COMPARE
class Internal::BaseController < ActionController::API
  before_action :require_internal_token

  private

  def require_internal_token
    presented = request.headers["X-Internal-Token"].to_s
    head :unauthorized unless presented == ENV.fetch("INTERNAL_API_TOKEN")
  end
end
