# clean: RB-OPEN-REDIRECT
class SessionsController < ApplicationController
  def create
    user = User.authenticate_by(email: params[:email], password: params[:password])
    return redirect_to(new_session_path, alert: "Try again") unless user

    sign_in(user)
    redirect_to url_from(params[:return_to]) || root_path
  end
end
