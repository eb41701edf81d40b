# clean: RB-SYSTEM-UNCHECKED
class ThumbnailJob < ApplicationJob
  def perform(upload_id)
    upload = Upload.find(upload_id)
    ok = system("convert", upload.local_path, "-resize", "320x320", upload.thumb_path)
    raise "convert failed (#{$?.exitstatus})" unless ok
    upload.update!(thumbnail_ready: true)
  end
end
