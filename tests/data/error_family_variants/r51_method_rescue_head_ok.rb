# want: RB-ERROR-ANSWERED-OK
class SubscriptionsController < ApplicationController
  def destroy
    current_account.subscription.cancel!
    head :no_content
  rescue Stripe::StripeError => e
    Rails.logger.error("cancel failed: #{e.message}")
    head :no_content
  end
end
