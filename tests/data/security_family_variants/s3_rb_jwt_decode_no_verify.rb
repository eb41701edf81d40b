# want: RB-JWT-UNVERIFIED
class Api::BaseController < ActionController::API
  before_action :authenticate!

  private

  def authenticate!
    token = request.headers["Authorization"].to_s.delete_prefix("Bearer ")
    payload, _header = JWT.decode(token, nil, false)
    @current_user = User.find_by(id: payload["sub"])
    head :unauthorized unless @current_user
  end
end
