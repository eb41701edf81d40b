# clean: RB-FILE-PATH
class ExportsController < ApplicationController
  EXPORT_DIR = Rails.root.join("storage", "exports")

  def show
    name = File.basename(params[:name].to_s)
    path = EXPORT_DIR.join(name)
    return head :not_found unless File.file?(path)

    send_file path, disposition: "attachment"
  end
end
