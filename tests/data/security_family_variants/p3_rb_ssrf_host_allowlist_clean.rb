# clean: RB-SSRF
class IntegrationTestsController < ApplicationController
  ALLOWED_HOSTS = %w[hooks.slack.com discord.com].freeze

  def create
    uri = URI.parse(params.require(:url))
    unless uri.is_a?(URI::HTTPS) && ALLOWED_HOSTS.include?(uri.host)
      return render json: { error: "unsupported destination" }, status: :bad_request
    end

    response = Net::HTTP.post(uri, { text: "ping" }.to_json, "Content-Type" => "application/json")
    render json: { status: response.code.to_i }
  rescue URI::InvalidURIError
    render json: { error: "invalid url" }, status: :bad_request
  end
end
