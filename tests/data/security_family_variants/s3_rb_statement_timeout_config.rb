# clean: RB-SQL-INTERPOLATION
class ReportsController < ApplicationController
  before_action :authenticate_user!

  def show
    timeout_ms = Integer(Rails.configuration.x.reports.statement_timeout_ms)
    ActiveRecord::Base.transaction do
      ActiveRecord::Base.connection.execute("SET LOCAL statement_timeout = #{timeout_ms}")
      @rows = Report.where(account_id: current_user.account_id).order(created_at: :desc).limit(100)
    end
    render json: @rows
  end
end
