# want: RB-FILE-PATH
class DocumentsController < ApplicationController
  def download
    send_file Rails.root.join("storage", "documents", params[:name]), disposition: "attachment"
  end
end
