# want: RB-THREAD-IN-REQUEST
class ReportsController < ApplicationController
  def create
    report = current_account.reports.create!(report_params)
    Thread.new do
      ReportBuilder.new(report).build!
    end
    render json: { id: report.id }, status: :accepted
  end
end
