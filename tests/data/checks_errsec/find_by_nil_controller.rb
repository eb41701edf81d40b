# find_by results called on without a nil check; the checked shapes stay clean.
class PasswordsController < ApplicationController
  def create
    user = User.find_by(email: params[:email]) # expect: RB-FIND-BY-NIL
    user.send_reset_password_instructions
    head :no_content
  end

  def update
    user = User.find_by(reset_token: params[:token])
    return head(:not_found) unless user
    user.update!(password: params[:password])
  end

  def destroy
    current_account.api_keys.find_by(token: params[:token]).destroy # expect: RB-FIND-BY-NIL
    current_account.api_keys.find_by(token: params[:old])&.destroy
    head :no_content
  end
end
