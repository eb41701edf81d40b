# clean: RB-SSRF
class ImportsController < ApplicationController
  before_action :authenticate_user!
  ALLOWED_HOSTS = %w[files.example.com exports.example.org].freeze

  def create
    uri = URI.parse(params[:source_url].to_s)
    return head :unprocessable_entity unless uri.is_a?(URI::HTTPS) && ALLOWED_HOSTS.include?(uri.host)

    body = Net::HTTP.get(uri)
    current_user.imports.create!(raw: body)
    head :created
  end
end
