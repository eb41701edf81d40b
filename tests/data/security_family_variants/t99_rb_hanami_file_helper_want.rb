# want: RB-FILE-PATH
# path: app/actions/exports/show.rb
module Ledger
  module Actions
    module Exports
      class Show < Ledger::Action
        EXPORT_DIR = "/var/lib/ledger/exports"

        def handle(request, response)
          name = request.params[:name]
          response.format = :csv
          response.body = File.read(export_path(name))
        end

        private

        def export_path(name)
          File.join(EXPORT_DIR, name)
        end
      end
    end
  end
end
