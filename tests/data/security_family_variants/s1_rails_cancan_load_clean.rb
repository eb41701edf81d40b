# clean: RB-LOOKUP-NOT-CALLER-SCOPED
# path: app/controllers/reports_controller.rb
class ReportsController < ApplicationController
  load_and_authorize_resource

  def show
    @report = current_user.reports.find(params[:id])
  end

  def export
    report = Report.find(params[:id])
    send_data report.to_csv, filename: "report-#{report.id}.csv"
  end
end
