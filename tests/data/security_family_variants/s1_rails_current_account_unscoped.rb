# want: RB-LOOKUP-NOT-CALLER-SCOPED
# path: app/controllers/projects_controller.rb
class ProjectsController < ApplicationController
  def show
    @project = Current.account.projects.find(params[:id])
  end

  def update
    @project = Current.account.projects.find(params[:id])
    if @project.update(project_params)
      redirect_to @project
    else
      render :edit, status: :unprocessable_entity
    end
  end

  def archive
    project = Project.find_by!(id: params[:id])
    project.update!(archived_at: Time.current)
    redirect_to projects_path, notice: "Archived"
  end

  private

  def project_params
    params.require(:project).permit(:name, :description)
  end
end
