# clean: RB-SQL-INTERPOLATION
class OrdersController < ApplicationController
  before_action :authenticate_user!

  def index
    status = params[:status].presence || "open"
    clause = "status = ?"
    @orders = current_account.orders.where(clause, status).order(created_at: :desc).limit(100)
    render json: @orders
  end
end
