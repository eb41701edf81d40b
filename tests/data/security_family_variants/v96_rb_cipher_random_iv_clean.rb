# clean: RB-WEAK-CIPHER
# path: app/services/field_crypto.rb
class FieldCrypto
  def initialize(key = Rails.application.credentials.field_key)
    @key = key
  end

  def encrypt(plain)
    cipher = OpenSSL::Cipher.new("aes-256-gcm")
    cipher.encrypt
    cipher.key = @key
    iv = cipher.random_iv
    body = cipher.update(plain) + cipher.final
    Base64.strict_encode64(iv + cipher.auth_tag + body)
  end
end
