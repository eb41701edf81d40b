# clean: RB-SQL-INTERPOLATION
class ProductsController < ApplicationController
  SORTABLE = { "name" => "products.name", "price" => "products.price_cents", "newest" => "products.created_at" }.freeze

  def index
    column = SORTABLE.fetch(params[:sort].to_s, "products.created_at")
    direction = params[:dir] == "asc" ? "ASC" : "DESC"
    @products = current_shop.products.order(Arel.sql("#{column} #{direction} NULLS LAST")).page(params[:page])
    render json: @products
  end
end
