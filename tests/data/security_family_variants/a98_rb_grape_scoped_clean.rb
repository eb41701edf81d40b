# clean: RB-LOOKUP-NOT-CALLER-SCOPED
# path: app/api/partner_api/payouts.rb
module PartnerApi
  class Payouts < Grape::API
    before { authenticate_partner! }

    resource :payouts do
      route_param :id do
        post :cancel do
          payout = current_partner.payouts.pending.find(params[:id])
          payout.cancel!(by: current_partner)
          present payout, with: Entities::Payout
        end
      end
    end
  end
end
