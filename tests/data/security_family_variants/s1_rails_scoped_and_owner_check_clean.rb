# clean: RB-LOOKUP-NOT-CALLER-SCOPED
# path: app/controllers/documents_controller.rb
class DocumentsController < ApplicationController
  def show
    @document = current_user.documents.find(params[:id])
  end

  def download
    document = Document.find(params[:id])
    head :not_found and return unless document.user_id == current_user.id

    send_data document.file.download, filename: document.filename
  end
end
