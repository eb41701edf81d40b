# want: RB-LOOKUP-NOT-CALLER-SCOPED
# path: app/controllers/reports_controller.rb
class ReportsController < ApplicationController
  load_and_authorize_resource except: :export

  def show; end

  def export
    report = Report.find(params[:id])
    send_data report.to_csv, filename: "#{report.slug}.csv"
  end
end
