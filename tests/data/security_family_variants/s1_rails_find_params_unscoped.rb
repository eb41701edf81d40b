# want: RB-LOOKUP-NOT-CALLER-SCOPED
# path: app/controllers/invoices_controller.rb
class InvoicesController < ApplicationController
  before_action :authenticate_user!

  def index
    @invoices = current_user.invoices.order(created_at: :desc)
  end

  def show
    @invoice = current_user.invoices.find(params[:id])
  end

  def download
    @invoice = Invoice.find(params[:id])
    send_data @invoice.pdf, filename: "invoice-#{@invoice.number}.pdf", type: "application/pdf"
  end
end
