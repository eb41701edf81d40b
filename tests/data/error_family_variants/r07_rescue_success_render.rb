# want: RB-ERROR-ANSWERED-OK
class PaymentsController < ApplicationController
  def create
    begin
      Stripe::Charge.create(amount: params[:amount], customer: current_user.stripe_id)
    rescue Stripe::StripeError => e
      Rails.logger.error("charge failed: #{e.message}")
    end
    render json: { status: "ok" }, status: :created
  end
end
