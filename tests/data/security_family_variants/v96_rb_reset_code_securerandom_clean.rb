# clean: RB-INSECURE-RANDOM
# path: app/models/user.rb
class User < ApplicationRecord
  has_secure_password

  def generate_reset_code!
    update!(reset_code: SecureRandom.random_number(1_000_000).to_s.rjust(6, "0"), reset_code_sent_at: Time.current)
  end
end
