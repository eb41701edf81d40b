# clean: RB-JWT-UNVERIFIED
class Api::BaseController < ActionController::API
  before_action :authenticate!

  private

  def authenticate!
    token = request.headers["Authorization"].to_s.delete_prefix("Bearer ")
    payload, _header = JWT.decode(token, Rails.application.credentials.jwt_secret, true, algorithm: "HS256")
    @current_user = User.find_by(id: payload["sub"])
    head :unauthorized unless @current_user
  rescue JWT::DecodeError
    head :unauthorized
  end
end
