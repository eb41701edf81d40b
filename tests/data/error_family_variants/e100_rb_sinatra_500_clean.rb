# clean: RB-ERROR-ANSWERED-OK
class WebhooksApp < Sinatra::Base
  post "/hooks/payments" do
    event = JSON.parse(request.body.read)
    begin
      Payments::EventApplier.call(event)
    rescue Payments::EventApplier::Error => e
      logger.error("apply #{event['id']} failed: #{e.message}")
      halt 500, json(error: "not applied")
    end
    status 200
    json received: true
  end
end
