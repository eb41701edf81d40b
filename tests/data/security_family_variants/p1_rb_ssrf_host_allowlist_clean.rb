# clean: RB-SSRF
require "net/http"

class AvatarImportsController < ApplicationController
  ALLOWED_HOSTS = %w[secure.gravatar.com avatars.githubusercontent.com].freeze

  def create
    uri = URI.parse(params[:url].to_s)
    unless uri.is_a?(URI::HTTPS) && ALLOWED_HOSTS.include?(uri.host)
      return render json: { error: "host not allowed" }, status: :unprocessable_entity
    end

    response = Net::HTTP.start(uri.host, uri.port, use_ssl: true, open_timeout: 3, read_timeout: 5) do |http|
      http.get(uri.request_uri)
    end
    current_user.avatar.attach(io: StringIO.new(response.body), filename: "avatar")
    head :created
  end
end
