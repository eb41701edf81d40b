# clean: RB-LOOKUP-NOT-CALLER-SCOPED
# path: app/controllers/settings/notifications_controller.rb
module Settings
  class NotificationsController < ApplicationController
    before_action :authenticate_user!

    def update
      user = User.find(current_user.id)
      user.update!(notification_params)
      redirect_to settings_notifications_path
    end

    private

    def notification_params
      params.require(:user).permit(:email_digest, :push_enabled)
    end
  end
end
