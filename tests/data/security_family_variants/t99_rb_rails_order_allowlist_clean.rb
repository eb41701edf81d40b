# clean: RB-SQL-INTERPOLATION
class InvoicesController < ApplicationController
  before_action :authenticate_user!

  SORTABLE = %w[issued_at total number].freeze

  def index
    sort = SORTABLE.include?(params[:sort]) ? params[:sort] : "issued_at"
    direction = params[:direction] == "asc" ? "asc" : "desc"
    ordering = "#{sort} #{direction}"
    @invoices = current_account.invoices.order(ordering).page(params[:page])
    render json: @invoices
  end
end
