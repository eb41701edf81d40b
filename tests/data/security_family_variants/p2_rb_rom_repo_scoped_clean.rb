# clean: RB-LOOKUP-NOT-CALLER-SCOPED
# path: app/actions/invoices/show.rb
module Billing
  module Actions
    module Invoices
      class Show < Billing::Action
        include Deps["repos.invoice_repo"]

        def handle(request, response)
          invoice = invoice_repo.invoices
            .where(id: request.params[:id], account_id: request.env["current_account"].id)
            .one
          halt 404 unless invoice
          response.format = :json
          response.body = invoice.to_h.to_json
        end
      end
    end
  end
end
