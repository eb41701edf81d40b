# clean: RB-SSRF
# path: app/routes/previews.rb
require "net/http"

class App < Roda
  plugin :json
  PREVIEW_HOSTS = %w[www.youtube.com vimeo.com].freeze

  route do |r|
    r.post "previews" do
      uri = URI(r.params["url"].to_s)
      r.halt(400) unless uri.is_a?(URI::HTTPS) && PREVIEW_HOSTS.include?(uri.host)
      html = Net::HTTP.get(uri)
      { size: html.bytesize }
    end
  end
end
