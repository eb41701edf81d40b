# clean: RB-SQL-INTERPOLATION
class ProductsController < ApplicationController
  def search
    @products = Product.where(*search_condition(params[:q])).limit(50)
    render json: @products
  end

  private

  def search_condition(term)
    like = "%#{Product.sanitize_sql_like(term.to_s)}%"
    ["name ILIKE ? OR sku = ?", like, term]
  end
end
