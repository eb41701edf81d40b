# want: RB-SHELL-INTERPOLATION
require "sinatra/base"
require "json"

class DiagnosticsApp < Sinatra::Base
  get "/dns" do
    host = params[:host].to_s
    cmd = "dig +short #{host}"
    output = `#{cmd}`
    content_type :json
    { host: host, records: output.split("\n") }.to_json
  end
end
