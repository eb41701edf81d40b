# clean: RB-SQL-INTERPOLATION
class CustomersController < ApplicationController
  def search
    term = "%#{Customer.sanitize_sql_like(params[:q].to_s)}%"
    @customers = current_account.customers.where("name ILIKE :t OR email ILIKE :t", t: term).limit(25)
    render json: @customers
  end
end
