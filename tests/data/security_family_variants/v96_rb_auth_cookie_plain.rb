# want: RB-COOKIE-INSECURE
class SessionsController < ApplicationController
  def create
    user = User.authenticate_by(email: params[:email], password: params[:password])
    return render(:new, status: :unprocessable_entity) unless user

    cookies[:auth_token] = { value: user.issue_auth_token!, expires: 2.weeks.from_now }
    redirect_to root_path
  end
end
