# want: RB-CODE-INJECTION
class TemplatesController < ApplicationController
  before_action :authenticate_user!

  def preview
    body = ERB.new(params[:template]).result_with_hash(user: current_user)
    render plain: body
  end
end
