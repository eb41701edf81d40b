# clean: RB-SSRF
require "net/http"

class WebhookTestsController < ApplicationController
  before_action :authenticate_user!

  ALLOWED_HOSTS = %w[hooks.slack.com events.pagerduty.com].freeze

  def create
    uri = URI(params.require(:webhook)[:url].to_s)
    unless uri.is_a?(URI::HTTPS) && ALLOWED_HOSTS.include?(uri.host)
      return render json: { error: "unsupported host" }, status: :unprocessable_entity
    end

    response = Net::HTTP.post(uri, { event: "ping" }.to_json, "Content-Type" => "application/json")
    render json: { delivered: response.is_a?(Net::HTTPSuccess), status: response.code }
  end
end
