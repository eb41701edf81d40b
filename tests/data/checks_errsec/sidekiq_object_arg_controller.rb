class ExportsController < ApplicationController
  def create
    export = current_user.exports.create!(format: params.require(:format))
    ExportWorker.perform_async(export) # expect: RB-SIDEKIQ-OBJECT-ARG
    ExportWorker.perform_async(export.id)
    redirect_to exports_path
  end
end
