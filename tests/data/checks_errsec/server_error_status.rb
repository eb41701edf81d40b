module Api
  class ChargesController < ApplicationController
    def create
      charge = Billing::Charge.new(current_account, amount: params.require(:amount)).call
      if charge.declined?
        render json: { error: "card was declined" }, status: :internal_server_error # expect: ANY-500-FOR-CLIENT-ERROR
        return
      end
      render json: charge, status: :created
    end

    def show
      charge = Charge.find(params[:id])
      render json: charge
    rescue ActiveRecord::RecordNotFound
      head :internal_server_error # expect: ANY-500-FOR-CLIENT-ERROR
    end

    def refund
      refund = Billing::Refund.new(params[:id]).call
      if refund.failed?
        render json: { error: "refund failed" }, status: :internal_server_error
        return
      end
      render json: refund, status: :ok
    end
  end
end
