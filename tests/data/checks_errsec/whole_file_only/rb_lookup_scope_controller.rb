class StatementsController < ApplicationController
  def index
    @statements = current_user.statements.order(issued_on: :desc)
  end

  def show
    @statement = current_user.statements.find(params[:id])
  end

  def pdf
    statement = Statement.find(params[:id]) # expect: RB-LOOKUP-NOT-CALLER-SCOPED
    send_data statement.pdf, filename: "statement.pdf"
  end

  def csv
    statement = Statement.find(params[:id])
    head :not_found and return unless statement.user_id == current_user.id

    send_data statement.to_csv, filename: "statement.csv"
  end

  def shared
    statement = Statement.find_by!(share_token: params[:id])
    render :show, locals: { statement: statement }
  end
end
