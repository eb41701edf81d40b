# clean: RB-FILE-PATH
# path: app/routes/downloads.rb
class App < Roda
  DOWNLOAD_ROOT = File.realpath("/srv/downloads").freeze

  route do |r|
    r.get "downloads", String do |name|
      requested = File.expand_path(name, DOWNLOAD_ROOT)
      r.halt 404 unless requested.start_with?(DOWNLOAD_ROOT + File::SEPARATOR) && File.file?(requested)
      real = File.realpath(requested)
      r.halt 404 unless real.start_with?(DOWNLOAD_ROOT + File::SEPARATOR)
      response["Content-Type"] = "application/octet-stream"
      File.binread(real)
    end
  end
end
