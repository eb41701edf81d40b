# want: RB-JWT-UNVERIFIED
# path: app/api.rb
require "sinatra/base"
require "jwt"

class Api < Sinatra::Base
  before do
    token = env.fetch("HTTP_AUTHORIZATION", "").sub(/\ABearer /, "")
    payload, = JWT.decode(token, nil, false)
    @account = Account.find(payload.fetch("account_id"))
  end

  get "/invoices" do
    json @account.invoices.order(created_at: :desc).limit(50)
  end
end
