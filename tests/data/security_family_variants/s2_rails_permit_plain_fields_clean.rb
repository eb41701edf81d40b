# clean: RB-MASS-ASSIGNMENT
# path: app/controllers/account/settings_controller.rb
module Account
  class SettingsController < ApplicationController
    before_action :authenticate_user!

    def update
      if current_user.update(settings_params)
        redirect_to account_settings_path, notice: "Settings saved"
      else
        render :edit, status: :unprocessable_entity
      end
    end

    private

    def settings_params
      params.require(:user).permit(:name, :email, :time_zone)
    end
  end
end
