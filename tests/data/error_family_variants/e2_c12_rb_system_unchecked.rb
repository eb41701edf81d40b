# want: RB-SYSTEM-UNCHECKED
class ThumbnailJob < ApplicationJob
  def perform(upload_id)
    upload = Upload.find(upload_id)
    system("convert", upload.local_path, "-resize", "320x320", upload.thumb_path)
    upload.update!(thumbnail_ready: true)
  end
end
