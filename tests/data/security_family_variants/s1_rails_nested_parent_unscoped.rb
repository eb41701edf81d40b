# want: RB-LOOKUP-NOT-CALLER-SCOPED
# path: app/controllers/tasks_controller.rb
class TasksController < ApplicationController
  before_action :set_project

  def show
    @task = @project.tasks.find(params[:id])
  end

  def complete
    @task = Task.find(params[:id])
    @task.update!(completed_at: Time.current)
    redirect_to project_task_path(@project, @task)
  end

  private

  def set_project
    @project = current_user.projects.find(params[:project_id])
  end
end
