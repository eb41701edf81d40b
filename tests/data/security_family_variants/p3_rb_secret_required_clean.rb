# clean: RB-SECRET-FALLBACK
# path: config/initializers/webhooks.rb
Rails.application.config.x.webhooks = ActiveSupport::OrderedOptions.new.tap do |c|
  c.signing_secret = ENV.fetch("WEBHOOK_SIGNING_SECRET")
  c.timeout_seconds = Integer(ENV.fetch("WEBHOOK_TIMEOUT_SECONDS", "10"))
  c.max_attempts = Integer(ENV.fetch("WEBHOOK_MAX_ATTEMPTS", "8"))
end
