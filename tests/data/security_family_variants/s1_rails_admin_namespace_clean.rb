# clean: RB-LOOKUP-NOT-CALLER-SCOPED
# path: app/controllers/admin/invoices_controller.rb
module Admin
  class InvoicesController < Admin::BaseController
    before_action :require_admin!

    def index
      @invoices = current_user.invoices.order(created_at: :desc)
    end

    def show
      @invoice = current_user.invoices.find(params[:id])
    end

    def refund
      invoice = Invoice.find(params[:id])
      Refunds::Issue.new(invoice: invoice, by: current_user).call
      redirect_to admin_invoice_path(invoice)
    end
  end
end
