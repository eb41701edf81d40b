# want: RB-INSECURE-RANDOM
# path: app/models/user.rb
class User < ApplicationRecord
  has_secure_password

  def generate_reset_code!
    update!(reset_code: rand(100_000..999_999).to_s, reset_code_sent_at: Time.current)
  end
end
