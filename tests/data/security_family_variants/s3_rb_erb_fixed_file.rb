# clean: RB-CODE-INJECTION
class TemplatesController < ApplicationController
  before_action :authenticate_user!
  TEMPLATE = ERB.new(File.read(Rails.root.join("app/views/templates/preview.text.erb")))

  def preview
    body = TEMPLATE.result_with_hash(user: current_user, note: params[:note].to_s)
    render plain: body
  end
end
