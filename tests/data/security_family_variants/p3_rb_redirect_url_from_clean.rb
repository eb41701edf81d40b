# clean: RB-OPEN-REDIRECT
class SessionsController < ApplicationController
  skip_before_action :authenticate_user!, only: %i[new create]

  def create
    user = User.authenticate_by(email: params[:email], password: params[:password])
    return redirect_to(new_session_path, alert: "Invalid login") unless user

    start_session_for(user)
    redirect_to url_from(params[:return_to]) || root_path
  end
end
