# want: RB-FILE-PATH
class ExportsController < ApplicationController
  before_action :authenticate_user!

  def download
    name = params[:file]
    path = Rails.root.join("storage", "exports", name)
    send_file path, type: "text/csv", disposition: "attachment"
  end
end
