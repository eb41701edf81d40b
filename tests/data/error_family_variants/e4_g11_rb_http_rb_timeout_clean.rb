# clean: RB-HTTP-NO-TIMEOUT (http.rb call bounded with .timeout)
require "http"

class WebhookSender
  def deliver(endpoint, payload)
    response = HTTP.timeout(connect: 2, read: 5).headers("Content-Type" => "application/json").post(endpoint.url, json: payload)
    endpoint.update!(last_status: response.code)
  end
end
