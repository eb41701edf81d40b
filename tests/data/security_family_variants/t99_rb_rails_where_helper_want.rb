# want: RB-SQL-INTERPOLATION
class ProductsController < ApplicationController
  def search
    @products = Product.where(search_condition(params[:q])).limit(50)
    render json: @products
  end

  private

  def search_condition(term)
    "name ILIKE '%#{term}%' OR sku = '#{term}'"
  end
end
