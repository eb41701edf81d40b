# clean: RB-FILE-PATH
# path: lib/docs_server.rb
class DocsServer
  DOCS = "/srv/docs"
  PAGES = { "/" => "index.html", "/install" => "install.html" }.freeze

  def call(env)
    page = PAGES[env["PATH_INFO"]]
    return [404, {}, ["not found"]] if page.nil?

    [200, { "content-type" => "text/html" }, [File.read(File.join(DOCS, page))]]
  end
end
