class AccountsController < ApplicationController
  def create
    account = Account.new(email: params[:email])
    account.password_digest = Digest::SHA256.hexdigest(params[:password]) # expect: RB-WEAK-HASH
    account.api_token_digest = Digest::SHA256.hexdigest(SecureRandom.hex(32))
    account.save!
    cookies[:auth_token] = { value: account.issue_token!, expires: 2.weeks.from_now } # expect: RB-COOKIE-INSECURE
    cookies.encrypted[:session_token] = { value: account.issue_token!, httponly: true, secure: true }
    cookies[:theme] = "dark"
    head :created
  end

  def export
    data = rates_client.get("/v1/latest").body
    render plain: encrypt(data)
  end

  private

  def rates_client
    Faraday.new(url: ENV.fetch("RATES_URL"), ssl: { verify: false }, request: { timeout: 5 }) # expect: RB-TLS-VERIFY-OFF
  end

  def secure_client
    Faraday.new(url: ENV.fetch("RATES_URL"), ssl: { verify: true, ca_file: ENV.fetch("CA_FILE") }, request: { timeout: 5 })
  end

  def encrypt(data)
    ecb = OpenSSL::Cipher.new("aes-128-ecb") # expect: RB-WEAK-CIPHER
    cbc = OpenSSL::Cipher.new("aes-256-cbc")
    cbc.encrypt
    cbc.key = Rails.application.credentials.export_key
    cbc.iv = "\0" * 16 # expect: RB-WEAK-CIPHER
    gcm = OpenSSL::Cipher.new("aes-256-gcm")
    gcm.encrypt
    gcm.key = Rails.application.credentials.export_key
    iv = gcm.random_iv
    [ecb, cbc, iv + gcm.update(data) + gcm.final]
  end
end
