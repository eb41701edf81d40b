# want: RB-SECRET-FALLBACK
# path: app/services/session_token.rb
class SessionToken
  SECRET = ENV["SESSION_TOKEN_SECRET"] || "dev-session-token-secret"

  def self.issue(user)
    JWT.encode({ sub: user.id, exp: 12.hours.from_now.to_i }, SECRET, "HS256")
  end
end
