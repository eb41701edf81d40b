# clean: RB-HTTP-NO-TIMEOUT
require "http"

class AvatarFetcher
  def fetch(url)
    response = HTTP.timeout(connect: 2, read: 5, write: 5).follow(max_hops: 2).get(url)
    raise FetchError, "avatar fetch failed: #{response.status}" unless response.status.success?
    response.body.to_s
  end
end
