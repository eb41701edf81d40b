# clean: RB-FILE-PATH
class DocumentsController < ApplicationController
  ROOT = Rails.root.join("storage", "documents").to_s.freeze

  def download
    path = File.expand_path(params[:name].to_s, ROOT)
    head :not_found and return unless path.start_with?("#{ROOT}/") && File.file?(path)

    send_file path, disposition: "attachment"
  end
end
