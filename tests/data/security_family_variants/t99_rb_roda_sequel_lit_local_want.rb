# want: RB-SQL-INTERPOLATION
require "roda"

class CatalogApp < Roda
  plugin :json

  route do |r|
    r.get "products" do
      q = r.params["q"].to_s
      condition = Sequel.lit("name LIKE '%#{q}%'")
      DB[:products].where(condition).limit(50).all
    end
  end
end
