# want: RB-SSRF
# path: app/api/v1/avatars.rb
require "open-uri"

module V1
  class Avatars < Grape::API
    params do
      requires :image_url, type: String
    end
    post :avatar do
      data = URI.open(declared(params)[:image_url]).read
      current_user.update!(avatar_data: data)
      { ok: true }
    end
  end
end
