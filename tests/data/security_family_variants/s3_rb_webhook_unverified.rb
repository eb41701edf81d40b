# want: RB-WEBHOOK-UNVERIFIED
class Webhooks::PaymentsController < ActionController::API
  def create
    event = JSON.parse(request.body.read)
    case event["type"]
    when "invoice.paid"
      Invoice.find_by!(provider_id: event.dig("data", "object", "id")).update!(status: :paid)
    end
    head :ok
  end
end
