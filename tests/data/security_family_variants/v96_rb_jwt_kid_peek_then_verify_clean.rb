# clean: RB-JWT-UNVERIFIED
class Api::BaseController < ActionController::API
  before_action :authenticate!

  private

  def authenticate!
    token = request.headers["Authorization"].to_s.delete_prefix("Bearer ")
    _payload, header = JWT.decode(token, nil, false)
    key = SigningKeys.public_key_for(header["kid"])
    return head :unauthorized unless key

    payload, = JWT.decode(token, key, true, algorithms: ["RS256"], iss: "https://auth.example.com", verify_iss: true)
    @current_user = User.find_by(id: payload["sub"])
    head :unauthorized unless @current_user
  end
end
