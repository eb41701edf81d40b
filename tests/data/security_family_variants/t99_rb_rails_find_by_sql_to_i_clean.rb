# clean: RB-SQL-INTERPOLATION
class LeaderboardsController < ApplicationController
  def show
    limit = params[:limit].to_i.clamp(1, 100)
    season = Integer(params[:season])
    rows = Score.find_by_sql("SELECT user_id, SUM(points) AS total FROM scores WHERE season = #{season} GROUP BY user_id ORDER BY total DESC LIMIT #{limit}")
    render json: rows
  end
end
