# want: RB-SECRET-IN-LOG
class Api::PartnersController < ActionController::API
  def sync
    Rails.logger.info("partner sync auth=#{request.headers['Authorization']} ip=#{request.remote_ip}")
    PartnerSyncJob.perform_later(params.require(:items).map(&:to_unsafe_h))
    head :accepted
  end
end
