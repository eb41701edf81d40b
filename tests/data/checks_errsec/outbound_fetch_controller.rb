# Outbound requests to a host the caller names (RB-SSRF) and Sequel literal SQL; the fixed-host,
# configured-base and bound-value shapes next to them stay clean.
class PreviewsController < ApplicationController
  API_BASE = "https://api.example.com"

  def show
    uri = URI.parse(params[:url])
    body = Net::HTTP.start(uri.host, uri.port, open_timeout: 2, read_timeout: 5) do |http| # expect: RB-SSRF
      http.get(uri.request_uri).body
    end
    render plain: body
  end

  def feed
    render plain: URI.open(params[:feed_url]).read # expect: RB-SSRF
  end

  def webhook
    HTTParty.post(params[:callback], body: "{}", timeout: 5) # expect: RB-SSRF
    head :no_content
  end

  def item
    render json: HTTParty.get("#{API_BASE}/items/#{params[:id]}", timeout: 5).parsed_response
  end

  def search
    render json: Faraday.get("https://api.example.com/search", q: params[:q]).body
  end

  def status
    response = Faraday.new(url: "https://#{params[:host]}", request: { timeout: 5 }).get("/health") # expect: RB-SSRF
    render plain: response.status
  end

  def named
    render json: Item.where(Sequel.lit("name = '#{params[:name]}'")).all # expect: RB-SQL-INTERPOLATION
  end

  def bound
    render json: Item.where(Sequel.lit("name = ?", params[:name])).all
  end
end
