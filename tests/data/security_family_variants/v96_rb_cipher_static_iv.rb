# want: RB-WEAK-CIPHER
# path: app/services/field_crypto.rb
class FieldCrypto
  IV = "\0" * 16

  def initialize(key = Rails.application.credentials.field_key)
    @key = key
  end

  def encrypt(plain)
    cipher = OpenSSL::Cipher.new("aes-256-cbc")
    cipher.encrypt
    cipher.key = @key
    cipher.iv = IV
    Base64.strict_encode64(cipher.update(plain) + cipher.final)
  end
end
