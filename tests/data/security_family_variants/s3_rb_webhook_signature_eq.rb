# want: RB-TIMING-COMPARE
class Webhooks::GithubController < ActionController::API
  def create
    body = request.raw_post
    expected = "sha256=" + OpenSSL::HMAC.hexdigest("SHA256", ENV.fetch("GITHUB_WEBHOOK_SECRET"), body)
    return head :unauthorized unless request.headers["X-Hub-Signature-256"] == expected

    DeployJob.perform_later(JSON.parse(body))
    head :ok
  end
end
