# clean: RB-SECRET-IN-LOG
# path: config/initializers/stripe.rb
key = ENV.fetch("STRIPE_SECRET_KEY")
Stripe.api_key = key
Rails.logger.info("stripe key loaded length=#{key.length} sha256=#{Digest::SHA256.hexdigest(key)[0, 10]}")
