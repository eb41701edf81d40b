# clean: RB-ERROR-ANSWERED-OK
class OrdersController < ApplicationController
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
