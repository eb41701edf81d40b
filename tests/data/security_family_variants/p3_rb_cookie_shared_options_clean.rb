# clean: RB-COOKIE-INSECURE
class SessionsController < ApplicationController
  SESSION_COOKIE = { httponly: true, secure: true, same_site: :lax }.freeze

  def create
    user = User.authenticate_by(email: params[:email], password: params[:password])
    return head(:unauthorized) unless user

    session_record = user.sessions.create!(user_agent: request.user_agent)
    cookies.signed[:session_token] = SESSION_COOKIE.merge(value: session_record.token, expires: 2.weeks.from_now)
    redirect_to root_path
  end
end
