# want: RB-SSRF
class ImportsController < ApplicationController
  before_action :authenticate_user!

  def create
    body = download(params[:source_url])
    current_user.imports.create!(raw: body)
    head :created
  end

  private

  def download(url)
    Faraday.get(url).body
  end
end
