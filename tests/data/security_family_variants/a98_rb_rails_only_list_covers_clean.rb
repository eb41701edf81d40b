# clean: RB-ACTION-OUTSIDE-AUTHZ-FILTER
# path: app/controllers/expenses_controller.rb
class ExpensesController < ApplicationController
  before_action :authenticate_user!
  before_action :set_expense
  before_action :require_approver!, except: %i[show]

  def show; end

  def approve
    @expense.approve!(by: current_user)
    redirect_to @expense
  end

  def reject
    @expense.reject!(by: current_user, reason: params[:reason])
    redirect_to @expense
  end

  def reimburse
    @expense.reimburse!(by: current_user)
    redirect_to @expense, notice: "Reimbursement queued"
  end

  private

  def set_expense
    @expense = current_company.expenses.find(params[:id])
  end

  def require_approver!
    head :forbidden unless current_user.approver?
  end
end
