# clean: RB-SSRF
class TrackingController < ApplicationController
  def show
    conn = Faraday.new(url: Rails.configuration.x.carrier_api_url, request: { timeout: 8 }) do |f|
      f.request :authorization, "Bearer", Rails.application.credentials.carrier_api_key
      f.response :json
    end
    response = conn.get("v1/tracking/#{ERB::Util.url_encode(params[:tracking_id])}")
    render json: response.body
  end
end
