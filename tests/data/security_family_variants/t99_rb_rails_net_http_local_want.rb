# want: RB-SSRF
require "net/http"

class WebhookTestsController < ApplicationController
  before_action :authenticate_user!

  def create
    url = params.require(:webhook)[:url]
    uri = URI(url)
    response = Net::HTTP.post(uri, { event: "ping" }.to_json, "Content-Type" => "application/json")
    render json: { delivered: response.is_a?(Net::HTTPSuccess), status: response.code }
  end
end
