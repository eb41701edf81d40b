# clean: RB-SECRET-IN-LOG
class Api::PartnersController < ActionController::API
  def sync
    Rails.logger.info("partner sync ip=#{request.remote_ip} request_id=#{request.request_id}")
    PartnerSyncJob.perform_later(params.require(:items).map(&:to_unsafe_h))
    head :accepted
  end
end
