# clean: RB-WEAK-HASH
# path: app/models/account.rb
class Account < ApplicationRecord
  def password=(plain)
    self.password_digest = BCrypt::Password.create(plain)
  end

  def self.find_by_api_token(token)
    find_by(api_token_digest: Digest::SHA256.hexdigest(token))
  end
end
