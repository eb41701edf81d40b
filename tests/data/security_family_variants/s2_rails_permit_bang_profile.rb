# want: RB-MASS-ASSIGNMENT
# path: app/controllers/profiles_controller.rb
class ProfilesController < ApplicationController
  before_action :authenticate_user!

  def update
    if current_user.update(params.require(:user).permit!)
      redirect_to profile_path, notice: "Saved"
    else
      render :edit, status: :unprocessable_entity
    end
  end
end
