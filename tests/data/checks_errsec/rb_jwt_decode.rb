class SessionsController < ApplicationController
  def show
    token = request.headers["Authorization"].to_s.split.last
    payload, _header = JWT.decode(token, nil, false) # expect: RB-JWT-UNVERIFIED
    render json: { user: payload["sub"] }
  end

  def refresh
    token = request.headers["Authorization"].to_s.split.last
    payload, _header = JWT.decode(token, Rails.application.credentials.jwt_key, true, algorithm: "HS256")
    render json: { user: payload["sub"] }
  rescue JWT::DecodeError
    head :unauthorized
  end
end
