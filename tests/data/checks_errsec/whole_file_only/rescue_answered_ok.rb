# Failed work answered as success after a rescue that only logs, next to rescues that answer an error.
class Paymentsr07Controller < ApplicationController
  def create
    begin
      Stripe::Charge.create(amount: params[:amount], customer: current_user.stripe_id)
    rescue Stripe::StripeError => e # expect: RB-ERROR-ANSWERED-OK
      Rails.logger.error("charge failed: #{e.message}")
    end
    render json: { status: "ok" }, status: :created
  end
end

class Subscriptionsr51Controller < ApplicationController
  def destroy
    current_account.subscription.cancel!
    head :no_content
  rescue Stripe::StripeError => e # expect: RB-ERROR-ANSWERED-OK
    Rails.logger.error("cancel failed: #{e.message}")
    head :no_content
  end
end

class Paymentsr52Controller < ApplicationController
  def create
    begin
      Stripe::Charge.create(amount: params[:amount], customer: current_user.stripe_id)
    rescue Stripe::StripeError => e
      Rails.logger.error("charge failed: #{e.message}")
      return render json: { error: "payment failed" }, status: :bad_gateway
    end
    render json: { status: "ok" }, status: :created
  end
end

class Ordersr53Controller < ApplicationController
  def create
    order = Order.create!(order_params)
    begin
      Analytics.deliver_event("order_created", order.id)
    rescue => e
      # best-effort: analytics must not fail the order
      Rails.logger.error("analytics failed: #{e.message}")
    end
    render json: order, status: :created
  end
end

