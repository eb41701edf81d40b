# clean: RB-FILE-PATH
# path: app/web/exports.rb
require "sinatra/base"

class Exports < Sinatra::Base
  set :export_dir, ENV.fetch("EXPORT_DIR")

  get "/exports/:name" do
    name = File.basename(params[:name])
    path = File.join(settings.export_dir, name)
    halt 404 unless File.file?(path)
    send_file path, type: :csv
  end
end
