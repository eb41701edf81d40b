# want: RB-FILE-PATH
class DownloadsController < ApplicationController
  before_action :authenticate_user!

  def show
    path = Rails.root.join("storage", "exports", params[:filename])
    send_file path, disposition: "attachment"
  end
end
