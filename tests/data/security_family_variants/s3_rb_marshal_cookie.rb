# want: RB-CODE-INJECTION
class PreferencesController < ApplicationController
  def show
    raw = cookies[:prefs]
    @prefs = raw.present? ? Marshal.load(Base64.urlsafe_decode64(raw)) : {}
    render json: @prefs
  end
end
