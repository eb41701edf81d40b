# want: RB-LOOKUP-NOT-CALLER-SCOPED
# path: app/controllers/api/v1/subscriptions_controller.rb
module Api
  module V1
    class SubscriptionsController < BaseController
      def show
        render json: current_account.subscriptions.find(params[:id])
      end

      def pause
        subscription = Subscription.find(params[:id])
        subscription.pause!(until: params[:until])
        render json: subscription
      end
    end
  end
end
