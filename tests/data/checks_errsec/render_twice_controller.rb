class InvoicesController < ApplicationController
  def update
    @invoice = Invoice.find(params[:id])
    unless current_user.can_edit?(@invoice)
      redirect_to invoices_path, alert: "Not allowed" # expect: RB-RENDER-NO-RETURN
    end
    @invoice.update!(invoice_params)
    redirect_to @invoice, notice: "Saved"
  end

  def destroy
    @invoice = Invoice.find(params[:id])
    head :conflict if @invoice.paid? # expect: RB-RENDER-NO-RETURN
    @invoice.destroy!
    head :no_content
  end

  def void
    @invoice = Invoice.find(params[:id])
    unless current_user.admin?
      redirect_to invoices_path, alert: "Not allowed" and return
    end
    return head :conflict if @invoice.paid?
    @invoice.update!(voided: true)
    redirect_to @invoice
  end

  private

  def invoice_params
    params.require(:invoice).permit(:amount, :due_on)
  end
end
