# clean: RB-SHELL-INTERPOLATION
# path: app/actions/repos/log.rb
require "open3"

module Forge
  module Actions
    module Repos
      class Log < Forge::Action
        REF = /\A[\w.\/-]{1,100}\z/

        def handle(request, response)
          ref = request.params[:ref].to_s
          halt 422 unless ref.match?(REF) && !ref.start_with?("-")
          out, status = Open3.capture2("git", "-C", repo_path, "log", "--oneline", "-n", "20", ref, "--")
          halt 500 unless status.success?
          response.body = out
        end
      end
    end
  end
end
