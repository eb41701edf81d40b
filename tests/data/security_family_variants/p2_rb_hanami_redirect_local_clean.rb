# clean: RB-OPEN-REDIRECT
# path: app/actions/sessions/create.rb
module Bookshelf
  module Actions
    module Sessions
      class Create < Bookshelf::Action
        DEFAULT_TARGET = "/books"

        def handle(request, response)
          user = authenticate(request.params[:email], request.params[:password])
          halt 401 unless user
          response.session[:user_id] = user.id
          response.redirect_to(local_target(request.params[:return_to]))
        end

        private

        def local_target(target)
          return DEFAULT_TARGET if target.nil? || target.empty?
          uri = URI.parse(target)
          return DEFAULT_TARGET if uri.host || uri.scheme || !target.start_with?("/") || target.start_with?("//")
          target
        rescue URI::InvalidURIError
          DEFAULT_TARGET
        end
      end
    end
  end
end
