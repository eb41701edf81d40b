# want: RB-LOOKUP-NOT-CALLER-SCOPED
# path: app/controllers/invoices_controller.rb
class InvoicesController < ApplicationController
  before_action :authenticate_user!
  before_action :set_invoice, only: %i[show update destroy]

  def index
    @invoices = current_user.company.invoices.order(issued_on: :desc)
  end

  def show; end

  def update
    @invoice.update!(invoice_params)
    redirect_to @invoice
  end

  def destroy
    @invoice.destroy!
    redirect_to invoices_path
  end

  private

  def set_invoice
    @invoice = Invoice.find(params[:id])
  end

  def invoice_params
    params.require(:invoice).permit(:due_on, :notes)
  end
end
