# want: RB-CODE-INJECTION
require "base64"

module API
  class Activities < Grape::API
    resource :activities do
      params do
        optional :cursor, type: String
      end
      get do
        raw = Base64.urlsafe_decode64(params[:cursor]) if params[:cursor]
        state = raw ? Marshal.load(raw) : { after_id: 0 }
        items = Activity.where(account_id: current_account.id).where("id > ?", state[:after_id]).limit(50)
        { items: items, cursor: Base64.urlsafe_encode64(Marshal.dump(after_id: items.last&.id)) }
      end
    end
  end
end
