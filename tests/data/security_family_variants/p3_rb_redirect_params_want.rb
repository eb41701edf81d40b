# want: RB-OPEN-REDIRECT
class SessionsController < ApplicationController
  def create
    user = User.authenticate_by(email: params[:email], password: params[:password])
    return redirect_to(new_session_path, alert: "Invalid login") unless user

    start_session_for(user)
    redirect_to params[:return_to], allow_other_host: true
  end
end
