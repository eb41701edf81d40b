# clean: RB-SSRF
require "sinatra/base"
require "faraday"
require "json"

class WeatherApp < Sinatra::Base
  helpers do
    def fetch_forecast(city)
      Faraday.new(request: { timeout: 5 }).get("https://api.weather.example.com/v1/forecast", q: city).body
    end
  end

  get "/forecast" do
    content_type :json
    fetch_forecast(params["city"].to_s)
  end
end
