# clean: RB-TIMING-COMPARE
# path: app/api/base.rb
module API
  class Base < Grape::API
    helpers do
      def authenticate_partner!
        key = headers["X-Api-Key"].to_s
        partner = Partner.find_by(key_prefix: key[0, 8])
        digest = partner && Digest::SHA256.hexdigest(key)
        error!("unauthorized", 401) unless partner && Rack::Utils.secure_compare(partner.key_digest, digest)
        @partner = partner
      end
    end

    before { authenticate_partner! }

    get "orders" do
      @partner.orders.recent.limit(100)
    end
  end
end
