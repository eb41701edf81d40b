# clean: RB-LOOKUP-NOT-CALLER-SCOPED
class SubscriptionsController < ApplicationController
  before_action :authenticate_user!

  def destroy
    subscription = current_user.repo_subscriptions.find(params[:id])
    subscription.destroy!
    redirect_to dashboard_path, notice: "Unsubscribed"
  end
end
