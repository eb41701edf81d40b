# want: RB-SQL-INTERPOLATION
class InvoicesController < ApplicationController
  before_action :authenticate_user!

  def index
    sort = params[:sort] || "issued_at"
    direction = params[:direction] || "desc"
    ordering = "#{sort} #{direction}"
    @invoices = current_account.invoices.order(ordering).page(params[:page])
    render json: @invoices
  end
end
