# clean: RB-FILE-PATH
class ReportsController < ApplicationController
  def show
    report = current_user.reports.find(params[:id])
    send_file report.file_path, filename: "#{report.slug}.pdf", type: "application/pdf"
  end
end
