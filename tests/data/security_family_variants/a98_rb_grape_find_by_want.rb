# want: RB-LOOKUP-NOT-CALLER-SCOPED
# path: app/api/partner_api/payouts.rb
module PartnerApi
  class Payouts < Grape::API
    before { authenticate_partner! }

    resource :payouts do
      get do
        present current_partner.payouts.recent, with: Entities::Payout
      end

      route_param :id do
        post :cancel do
          payout = Payout.find_by!(id: params[:id], state: "pending")
          payout.cancel!(by: current_partner)
          present payout, with: Entities::Payout
        end
      end
    end
  end
end
