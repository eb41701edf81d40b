# clean: RB-FILE-PATH
class ExportsController < ApplicationController
  before_action :authenticate_user!

  EXPORT_DIR = Rails.root.join("storage", "exports").to_s

  def download
    name = File.basename(params[:file].to_s)
    path = File.expand_path(name, EXPORT_DIR)
    raise ActionController::RoutingError, "not found" unless path.start_with?(EXPORT_DIR + "/") && File.file?(path)

    send_file path, type: "text/csv", disposition: "attachment"
  end
end
