# clean: RB-SSRF
# path: app/api/v1/avatars.rb
require "open-uri"

module V1
  class Avatars < Grape::API
    params do
      requires :gravatar_hash, type: String, regexp: /\A\h{32}\z/
    end
    post :avatar do
      data = URI.open("https://www.gravatar.com/avatar/#{params[:gravatar_hash]}").read
      current_user.update!(avatar_data: data)
      { ok: true }
    end
  end
end
