# clean: RB-SHELL-INTERPOLATION
require "sinatra/base"
require "json"
require "open3"

class DiagnosticsApp < Sinatra::Base
  get "/dns" do
    host = params[:host].to_s
    output, _status = Open3.capture2("dig", "+short", host)
    content_type :json
    { host: host, records: output.split("\n") }.to_json
  end
end
