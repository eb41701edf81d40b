# clean: RB-SQL-INTERPOLATION
class IssuesController < ApplicationController
  def index
    scope = current_user.issues
    scope = scope.where("title ILIKE ?", "%#{Issue.sanitize_sql_like(params[:q])}%") if params[:q].present?
    scope = scope.where("created_at > ?", params[:since].to_date) if params[:since].present?
    render json: scope.order(created_at: :desc).limit(50)
  end
end
