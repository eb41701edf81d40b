class ThumbnailJob < ApplicationJob
  def perform(upload_id)
    upload = Upload.find(upload_id)
    system("convert", upload.local_path, "-resize", "320x320", upload.thumb_path) # expect: RB-SYSTEM-UNCHECKED
    upload.update!(thumbnail_ready: true)
  end
end

class PosterJob < ApplicationJob
  def perform(video_id)
    video = Video.find(video_id)
    system("ffmpeg", "-i", video.path, video.poster_path, exception: true)
    system("ffmpeg", "-i", video.path, video.preview_path) or raise "preview failed"
    system("ffprobe", video.path)
    raise "ffprobe failed" unless $?.success?
    video.update!(poster_ready: true)
  end

  def probe(path)
    system("ffprobe", "-v", "error", path)
  end
end

class ArchiveJob < ApplicationJob
  def perform(dir)
    system("tar czf /tmp/archive.tgz #{dir}") # expect: RB-SHELL-INTERPOLATION
    Archive.create!(path: "/tmp/archive.tgz")
  end
end
