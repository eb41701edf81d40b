# clean: RB-CODE-INJECTION
class ImportsController < ApplicationController
  before_action :authenticate_user!

  def create
    spec = YAML.safe_load(params[:config].to_s, permitted_classes: [Date], aliases: false)
    payload = Oj.load(request.raw_post, mode: :strict)
    current_user.imports.create!(name: spec["name"], rows: payload["rows"])
    head :created
  end
end
