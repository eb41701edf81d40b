class CheckoutsController < ApplicationController
  RECENT_CARTS = []
  TAX_RATES = { "DE" => 0.19, "FR" => 0.2 }

  def create
    cart = Cart.find(params[:cart_id])
    @@current_cart = cart if params[:cart_id] # expect: RB-CLASS-STATE-PER-REQUEST
    RECENT_CARTS << cart.id # expect: RB-CLASS-STATE-PER-REQUEST
    @cart = cart
    rate = TAX_RATES.fetch(cart.country)
    Current.cart = cart
    render json: { total: cart.total * (1 + rate) }
  end

  def self.reset_stats
    RECENT_CARTS.clear
  end
end
