class FxConverter
  def rate_for(from, to)
    @rates.fetch(from, to)
  rescue FxRates::Unavailable, Net::ReadTimeout => e # expect: ANY-FAILURE-FALLBACK-VALUE
    Rails.logger.warn("fx rate #{from}/#{to} unavailable: #{e.message}")
    BigDecimal("1")
  end

  def rate_or_review(from, to)
    @rates.fetch(from, to)
  rescue FxRates::Unavailable => e
    Rails.logger.warn("fx rate #{from}/#{to} unavailable: #{e.message}")
    raise
  end

  def suggestions(user)
    @recommender.for(user)
  rescue Faraday::Error => e
    Rails.logger.info("no suggestions: #{e.message}")
    []
  end
end
