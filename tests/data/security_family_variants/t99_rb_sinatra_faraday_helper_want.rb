# want: RB-SSRF
require "sinatra/base"
require "faraday"
require "json"

class PreviewApp < Sinatra::Base
  helpers do
    def fetch_page(link)
      Faraday.new(request: { timeout: 5 }).get(link).body
    end
  end

  get "/preview" do
    html = fetch_page(params["url"])
    title = html[%r{<title>([^<]*)</title>}i, 1]
    content_type :json
    { title: title }.to_json
  end
end
