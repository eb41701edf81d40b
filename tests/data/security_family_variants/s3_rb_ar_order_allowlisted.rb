# clean: RB-SQL-INTERPOLATION
class ProjectsController < ApplicationController
  before_action :authenticate_user!

  SORTABLE = %w[name created_at updated_at].freeze

  def index
    column = SORTABLE.include?(params[:sort]) ? params[:sort] : "created_at"
    direction = params[:direction] == "asc" ? :asc : :desc
    @projects = current_user.projects
                            .where("name ILIKE ?", "%#{Project.sanitize_sql_like(params[:q].to_s)}%")
                            .order(column => direction)
                            .page(params[:page])
    render json: @projects
  end
end
