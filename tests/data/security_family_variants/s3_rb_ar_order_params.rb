# want: RB-SQL-INTERPOLATION
class ProjectsController < ApplicationController
  before_action :authenticate_user!

  def index
    @projects = current_user.projects
                            .where("name ILIKE '%#{params[:q]}%'")
                            .order("#{params[:sort]} #{params[:direction]}")
                            .page(params[:page])
    render json: @projects
  end
end
