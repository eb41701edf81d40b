# clean: RB-SQL-INTERPOLATION
# path: app/routes/products.rb
class App < Roda
  SORTS = {
    "price" => "price_cents ASC",
    "newest" => "created_at DESC",
    "name" => "lower(name) ASC"
  }.freeze

  route do |r|
    r.get "products" do
      order = SORTS.fetch(r.params["sort"], "created_at DESC")
      products = DB["SELECT id, name, price_cents FROM products WHERE shop_id = ? ORDER BY #{order} LIMIT 50", current_shop.id].all
      products.to_json
    end
  end
end
