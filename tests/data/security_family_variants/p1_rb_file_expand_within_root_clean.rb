# clean: RB-FILE-PATH
class ThemesController < ApplicationController
  ROOT = File.expand_path("public/themes", Rails.root)

  def show
    path = File.expand_path(params[:path].to_s, ROOT)
    return head :not_found unless path.start_with?(ROOT + File::SEPARATOR) && File.file?(path)

    render plain: File.read(path), content_type: "text/css"
  end
end
