# want: RB-LOOKUP-NOT-CALLER-SCOPED
# path: app/controllers/notifications_controller.rb
class NotificationsController < ApplicationController
  before_action :authenticate_user!

  def index
    @notifications = current_user.notifications.unread
  end

  def dismiss
    Notification.where(id: params[:ids]).update_all(read_at: Time.current)
    head :no_content
  end
end
