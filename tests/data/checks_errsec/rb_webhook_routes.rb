require "sinatra/base"

class HooksApp < Sinatra::Base
  post "/webhooks/courier" do # expect: RB-WEBHOOK-UNVERIFIED
    event = JSON.parse(request.body.read)
    Parcel.find_by!(code: event["parcel"]).update!(state: event["state"])
    200
  end

  post "/orders" do
    order = JSON.parse(request.body.read)
    Order.create!(number: order["number"])
    201
  end
end
