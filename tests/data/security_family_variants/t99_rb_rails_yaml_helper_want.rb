# want: RB-CODE-INJECTION
class PipelineImportsController < ApplicationController
  before_action :authenticate_user!

  def create
    definition = parse_definition(params.require(:file).read)
    pipeline = current_account.pipelines.create!(name: definition["name"], steps: definition["steps"])
    render json: { id: pipeline.id }, status: :created
  end

  private

  def parse_definition(text)
    YAML.unsafe_load(text)
  end
end
