# clean: RB-ACTION-OUTSIDE-AUTHZ-FILTER
class Admin::RefundsController < Admin::BaseController
  before_action :set_order

  def create
    refund = @order.refunds.create!(amount_cents: params.require(:amount_cents), issued_by: current_admin)
    render json: refund, status: :created
  end

  def destroy
    @order.refunds.find(params[:id]).void!(by: current_admin)
    head :no_content
  end

  private

  def set_order
    @order = Order.find(params[:order_id])
  end
end
