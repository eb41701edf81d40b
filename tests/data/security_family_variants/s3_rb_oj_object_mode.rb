# want: RB-CODE-INJECTION
class ImportsController < ApplicationController
  before_action :authenticate_user!

  def create
    payload = Oj.load(request.raw_post, mode: :object)
    current_user.imports.create!(name: payload.name, rows: payload.rows)
    head :created
  end
end
