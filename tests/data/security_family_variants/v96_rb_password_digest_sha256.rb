# want: RB-WEAK-HASH
# path: app/models/account.rb
class Account < ApplicationRecord
  def password=(plain)
    self.password_digest = Digest::SHA256.hexdigest(plain)
  end

  def authenticate(plain)
    password_digest == Digest::SHA256.hexdigest(plain) && self
  end
end
