# want: ANY-FAILURE-MARKED-DONE
class NightlyExportJob < ApplicationJob
  def perform
    ExportRequest.pending.find_each do |req|
      begin
        path = ExportBuilder.new(req).build
        req.update!(location: Uploader.upload(path))
      rescue => e
        Rails.logger.error("export #{req.id} failed: #{e.message}")
      end
      req.update!(status: "done", finished_at: Time.current)
    end
  end
end
