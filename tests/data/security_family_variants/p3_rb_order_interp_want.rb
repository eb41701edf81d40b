# want: RB-SQL-INTERPOLATION
class ProductsController < ApplicationController
  def index
    @products = current_shop.products.order("#{params[:sort]} DESC").page(params[:page])
    render json: @products
  end
end
