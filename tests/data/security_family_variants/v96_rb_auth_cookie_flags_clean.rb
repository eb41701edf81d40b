# clean: RB-COOKIE-INSECURE
class SessionsController < ApplicationController
  def create
    user = User.authenticate_by(email: params[:email], password: params[:password])
    return render(:new, status: :unprocessable_entity) unless user

    cookies.encrypted[:auth_token] = { value: user.issue_auth_token!, expires: 2.weeks.from_now, httponly: true, secure: true, same_site: :lax }
    cookies[:theme] = params[:theme] if params[:theme].in?(%w[light dark])
    redirect_to root_path
  end
end
