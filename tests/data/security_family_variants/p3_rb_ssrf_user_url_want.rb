# want: RB-SSRF
class IntegrationTestsController < ApplicationController
  def create
    uri = URI.parse(params.require(:url))
    response = Net::HTTP.post(uri, { text: "ping" }.to_json, "Content-Type" => "application/json")
    render json: { status: response.code.to_i }
  end
end
