# want: RB-HTTP-NO-TIMEOUT
require "http"

class WebhookSender
  def deliver(endpoint, payload)
    response = HTTP.headers("Content-Type" => "application/json").post(endpoint.url, json: payload)
    endpoint.update!(last_status: response.code)
  end
end
