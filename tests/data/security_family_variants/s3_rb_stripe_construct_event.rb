# clean: RB-WEBHOOK-UNVERIFIED
class Webhooks::StripeController < ActionController::API
  def create
    event = Stripe::Webhook.construct_event(
      request.body.read, request.headers["Stripe-Signature"], ENV.fetch("STRIPE_WEBHOOK_SECRET")
    )
    Invoice.find_by!(provider_id: event.data.object.id).update!(status: :paid) if event.type == "invoice.paid"
    head :ok
  rescue JSON::ParserError, Stripe::SignatureVerificationError
    head :bad_request
  end
end
