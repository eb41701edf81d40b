# want: RB-FILE-PATH
# path: lib/docs_server.rb
class DocsServer
  DOCS = "/srv/docs"

  def call(env)
    path = File.join(DOCS, env["PATH_INFO"])
    return [404, {}, ["not found"]] unless File.file?(path)

    [200, { "content-type" => "text/html" }, [File.read(path)]]
  end
end
