# clean: RB-SSRF
# path: app/routes/unfurl.rb
require "net/http"

class App < Roda
  UNFURL_HOSTS = %w[github.com gitlab.com bitbucket.org].freeze

  route do |r|
    r.post "unfurl" do
      uri = URI.parse(r.params["url"].to_s)
      r.halt 422 unless uri.is_a?(URI::HTTPS) && UNFURL_HOSTS.include?(uri.host)
      body = Net::HTTP.start(uri.host, uri.port, use_ssl: true, open_timeout: 3, read_timeout: 5) do |http|
        http.get(uri.request_uri).body
      end
      { title: body[/<title>(.*?)<\/title>/m, 1] }.to_json
    end
  end
end
