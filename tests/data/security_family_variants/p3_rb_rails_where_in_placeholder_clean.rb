# clean: RB-SQL-INTERPOLATION
class ShipmentsController < ApplicationController
  def bulk_cancel
    ids = Array(params[:ids]).map(&:to_i).first(500)
    count = current_account.shipments.where("id IN (?) AND status = ?", ids, "pending").update_all(status: "cancelled")
    render json: { cancelled: count }
  end
end
