# clean: RB-OPEN-REDIRECT
# path: app/web/auth.rb
require "sinatra/base"

class AuthApp < Sinatra::Base
  helpers do
    def local_path(target)
      return "/" if target.nil? || !target.start_with?("/") || target.start_with?("//", "/\\")

      URI.parse(target).host.nil? ? target : "/"
    rescue URI::InvalidURIError
      "/"
    end
  end

  post "/login" do
    halt 401 unless (user = User.authenticate(params[:email], params[:password]))
    session[:user_id] = user.id
    redirect local_path(params[:next])
  end
end
