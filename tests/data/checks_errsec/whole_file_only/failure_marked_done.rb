# Failed work recorded as done: the rescue only logs, then the request is marked finished.
class NightlyExportJob < ApplicationJob
  def perform
    ExportRequest.pending.find_each do |req|
      begin
        path = ExportBuilder.new(req).build
        req.update!(location: Uploader.upload(path))
      rescue => e # expect: ANY-FAILURE-MARKED-DONE
        Rails.logger.error("export #{req.id} failed: #{e.message}")
      end
      req.update!(status: "done", finished_at: Time.current)
    end
  end

  def perform_recording_failure
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
