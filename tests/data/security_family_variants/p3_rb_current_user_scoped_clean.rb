# clean: RB-LOOKUP-NOT-CALLER-SCOPED
class InvoicesController < ApplicationController
  before_action :authenticate_user!

  def show
    @invoice = current_user.account.invoices.find(params[:id])
    render json: @invoice
  end

  def destroy
    invoice = policy_scope(Invoice).find(params[:id])
    authorize invoice
    invoice.destroy!
    head :no_content
  end
end
