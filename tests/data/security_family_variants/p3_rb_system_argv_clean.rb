# clean: RB-SHELL-INTERPOLATION
class ThumbnailJob < ApplicationJob
  def perform(upload_id)
    upload = Upload.find(upload_id)
    out = "#{upload.local_path}.thumb.png"
    ok = system("convert", "#{upload.local_path}[0]", "-thumbnail", "256x", out, exception: false)
    raise "convert failed for #{upload.id}" unless ok

    upload.update!(thumbnail_path: out)
  end
end
