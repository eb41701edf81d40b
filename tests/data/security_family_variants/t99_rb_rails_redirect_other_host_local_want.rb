# want: RB-OPEN-REDIRECT
class SessionsController < ApplicationController
  skip_before_action :authenticate_user!, only: %i[new create]

  def create
    user = User.authenticate_by(email: params[:email], password: params[:password])
    return render :new, status: :unprocessable_entity unless user

    return_to = params[:return_to].presence || dashboard_path
    sign_in(user)
    redirect_to return_to, allow_other_host: true
  end
end
