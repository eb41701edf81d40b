# want: RB-RESCUE-LOGGED-CONTINUES
class OrdersController < ApplicationController
  def show
    begin
      @order = OrderService.fetch(params[:id])
    rescue Faraday::Error => e
      Rails.logger.error(e.message)
    end
    render json: { id: @order.id, total: @order.total }
  end
end
