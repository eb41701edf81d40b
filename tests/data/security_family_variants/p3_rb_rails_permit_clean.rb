# clean: RB-MASS-ASSIGNMENT
class ProjectsController < ApplicationController
  def update
    project = current_team.projects.find(params[:id])
    project.update!(project_params)
    render json: project
  end

  private

  def project_params
    params.require(:project).permit(:name, :description, :color, tag_ids: [])
  end
end
