# want: RB-SQL-INTERPOLATION
class ReposController < ApplicationController
  def index
    column = params.fetch(:sort, "name")
    @repos = Repo.where(archived: false).order(Arel.sql("#{column} ASC")).page(params[:page])
  end
end
