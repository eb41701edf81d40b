# clean: RB-FILE-PATH
# path: lib/static_exports.rb
class StaticExports
  ROOT = "/var/exports"

  def call(env)
    req = Rack::Request.new(env)
    name = File.basename(req.params["file"].to_s)
    body = File.read(File.join(ROOT, name))
    [200, { "content-type" => "text/csv" }, [body]]
  end
end
