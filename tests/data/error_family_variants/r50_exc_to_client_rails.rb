# want: RB-EXCEPTION-LEAK
class ReportsController < ApplicationController
  def show
    render json: ReportBuilder.new(params[:id]).build
  rescue StandardError => e
    render json: { error: e.message, backtrace: e.backtrace }, status: :internal_server_error
  end
end
