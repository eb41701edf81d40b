# want: RB-SQL-INTERPOLATION
# path: app/routes/items.rb
require "sinatra/base"
require "sequel"

class ItemsApp < Sinatra::Base
  DB = Sequel.connect(ENV.fetch("DATABASE_URL"))

  get "/items" do
    rows = DB[:items].where(Sequel.lit("title LIKE '%#{params[:q]}%'")).order(Sequel.lit(params[:sort])).limit(50).all
    json rows
  end
end
