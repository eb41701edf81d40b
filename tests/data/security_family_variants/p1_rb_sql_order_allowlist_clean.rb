# clean: RB-SQL-INTERPOLATION
class ReposController < ApplicationController
  SORTS = { "name" => "repos.name", "stars" => "repos.stars_count", "issues" => "repos.issues_count" }.freeze

  def index
    column = SORTS.fetch(params[:sort], "repos.name")
    direction = params[:dir] == "desc" ? "DESC" : "ASC"
    @repos = Repo.where(archived: false).order(Arel.sql("#{column} #{direction}")).page(params[:page])
  end
end
