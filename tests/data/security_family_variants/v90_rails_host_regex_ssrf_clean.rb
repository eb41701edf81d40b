# clean: RB-SSRF
class WebhookTestsController < ApplicationController
  before_action :authenticate_user!

  def create
    target = params.require(:target_url)
    return head :unprocessable_entity unless target.match?(%r{\Ahttps://hooks\.slack\.com/services/})

    response = Faraday.post(target, { ping: true }.to_json, "Content-Type" => "application/json")
    render json: { status: response.status }
  end
end
