# want: RB-LOOKUP-NOT-CALLER-SCOPED
# path: app/controllers/downloads_controller.rb
class DownloadsController < ApplicationController
  before_action :authenticate_user!

  def index
    @downloads = current_user.downloads.recent
  end

  def show
    download = Download.find_by(token: params[:id])
    return head :not_found unless download

    send_data download.file.download, filename: download.filename
  end
end
