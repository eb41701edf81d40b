# want: RB-FILE-PATH
# path: app/routes/reports.rb
class ReportsApp < Sinatra::Base
  REPORT_DIR = File.expand_path("../../reports", __dir__)

  get "/reports/:name" do |name|
    send_file File.join(REPORT_DIR, name), type: "application/pdf"
  end
end
