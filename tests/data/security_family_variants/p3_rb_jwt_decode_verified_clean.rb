# clean: RB-JWT-UNVERIFIED
class ApiController < ActionController::API
  before_action :authenticate!

  private

  def authenticate!
    token = request.authorization.to_s.delete_prefix("Bearer ")
    payload, = JWT.decode(token, nil, true, algorithms: ["RS256"], jwks: Auth::Jwks.fetcher,
                                              aud: "api", verify_aud: true)
    @current_user = User.find(payload.fetch("sub"))
  rescue JWT::DecodeError
    head :unauthorized
  end
end
