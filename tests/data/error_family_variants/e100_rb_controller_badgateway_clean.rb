# clean: RB-ERROR-ANSWERED-OK
class Api::V1::TransfersController < Api::BaseController
  def create
    transfer = current_account.transfers.build(transfer_params)
    authorize transfer
    BankRails::Client.new.submit(transfer.to_payload)
    transfer.save!
    render json: { status: "submitted", id: transfer.id }, status: :created
  rescue BankRails::Error => e
    Rails.logger.error("transfer submit failed: #{e.message}")
    render json: { error: "bank unavailable" }, status: :bad_gateway
  end

  private

  def transfer_params
    params.require(:transfer).permit(:amount_cents, :destination_iban)
  end
end
