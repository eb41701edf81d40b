# clean: RB-LOOKUP-NOT-CALLER-SCOPED
# path: app/controllers/api/v1/subscriptions_controller.rb
module Api
  module V1
    class SubscriptionsController < BaseController
      def show
        render json: current_account.subscriptions.find_by!(public_id: params[:id])
      end

      def pause
        subscription = current_account.subscriptions.find_by!(public_id: params[:id])
        subscription.pause!(until: params[:until])
        render json: subscription
      end
    end
  end
end
