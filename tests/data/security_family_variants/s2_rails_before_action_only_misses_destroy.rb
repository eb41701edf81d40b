# want: RB-ACTION-OUTSIDE-AUTHZ-FILTER
# path: app/controllers/teams_controller.rb
class TeamsController < ApplicationController
  before_action :authenticate_user!
  before_action :set_team, only: %i[show edit update destroy]
  before_action :require_team_admin!, only: %i[edit update]

  def show; end

  def edit; end

  def update
    if @team.update(team_params)
      redirect_to @team, notice: "Team updated"
    else
      render :edit, status: :unprocessable_entity
    end
  end

  def destroy
    @team.destroy!
    redirect_to teams_path, notice: "Team deleted"
  end

  private

  def set_team
    @team = current_user.teams.find(params[:id])
  end

  def require_team_admin!
    head :forbidden unless @team.admin?(current_user)
  end

  def team_params
    params.require(:team).permit(:name, :description)
  end
end
