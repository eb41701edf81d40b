# clean: RB-CODE-INJECTION
require "base64"
require "json"

module API
  class Activities < Grape::API
    resource :activities do
      params do
        optional :cursor, type: String
      end
      get do
        raw = Base64.urlsafe_decode64(params[:cursor]) if params[:cursor]
        state = raw ? JSON.parse(raw) : { "after_id" => 0 }
        items = Activity.where(account_id: current_account.id).where("id > ?", state["after_id"].to_i).limit(50)
        { items: items, cursor: Base64.urlsafe_encode64({ after_id: items.last&.id }.to_json) }
      end
    end
  end
end
