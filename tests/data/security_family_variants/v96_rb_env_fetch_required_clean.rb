# clean: RB-SECRET-FALLBACK
# path: app/services/session_token.rb
class SessionToken
  SECRET = ENV.fetch("SESSION_TOKEN_SECRET")
  TTL = ENV.fetch("SESSION_TOKEN_TTL_HOURS", "12").to_i

  def self.issue(user)
    JWT.encode({ sub: user.id, exp: TTL.hours.from_now.to_i }, SECRET, "HS256")
  end
end
