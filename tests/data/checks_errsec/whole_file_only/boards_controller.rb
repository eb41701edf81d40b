# A controller whose owner filter names its writing actions; one action added later is not in the list.
class BoardsController < ApplicationController
  before_action :authenticate_user!
  before_action :set_board, except: %i[index create]
  before_action :require_board_admin!, only: %i[edit update destroy]

  def show; end

  def update
    @board.update!(board_params)
    redirect_to @board
  end

  def archive # expect: RB-ACTION-OUTSIDE-AUTHZ-FILTER
    @board.update!(archived_at: Time.current)
    redirect_to boards_path
  end

  def pin
    authorize @board, :pin?
    @board.update!(pinned: true)
    redirect_to @board
  end

  def star
    star = current_user.stars.find_or_initialize_by(board: @board)
    star.save!
    redirect_to @board
  end

  private

  def set_board
    @board = Board.find(params[:id])
  end

  def require_board_admin!
    head :forbidden unless @board.admins.include?(current_user)
  end

  def board_params
    params.require(:board).permit(:name)
  end
end
