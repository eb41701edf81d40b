# clean: ANY-FAILURE-MARKED-DONE
class NightlyExportJob < ApplicationJob
  def perform
    ExportRequest.pending.find_each do |req|
      begin
        req.update!(location: Uploader.upload(ExportBuilder.new(req).build))
        req.update!(status: "done", finished_at: Time.current)
      rescue => e
        Rails.logger.error("export #{req.id} failed: #{e.message}")
        req.update!(status: "failed")
      end
    end
  end
end
