# want: RB-FILE-PATH
# path: slices/main/actions/exports/show.rb
module Main
  module Actions
    module Exports
      class Show < Main::Action
        EXPORTS = "/var/app/exports"

        def handle(request, response)
          name = request.params[:name]
          response.format = :csv
          response.body = File.read(File.join(EXPORTS, "#{name}.csv"))
        end
      end
    end
  end
end
