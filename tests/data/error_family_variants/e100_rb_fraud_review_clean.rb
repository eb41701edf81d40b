# clean: ANY-FAILURE-FALLBACK-VALUE
module Risk
  class OrderScreen
    def decision_for(order)
      response = Sift::Client.new.score(order.user_id.to_s, abuse_types: ["payment_abuse"])
      response.body.dig("scores", "payment_abuse", "score") > 0.8 ? :reject : :approve
    rescue Sift::Error, Timeout::Error => e
      Rails.logger.error("sift unavailable: #{e.message}")
      :manual_review
    end
  end
end
