# want: RB-SSRF
# path: app/routes/previews.rb
require "net/http"

class App < Roda
  plugin :json

  route do |r|
    r.post "previews" do
      link = r.params["url"]
      html = Net::HTTP.get(URI(link))
      { size: html.bytesize }
    end
  end
end
