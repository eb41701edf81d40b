# clean: RB-CODE-INJECTION
class PipelinesController < ApplicationController
  def create
    spec = YAML.safe_load(params.require(:spec).read, permitted_classes: [Date], aliases: false)
    pipeline = current_team.pipelines.create!(name: spec.fetch("name"), steps: spec.fetch("steps", []))
    render json: { id: pipeline.id }, status: :created
  end
end
