# clean: RB-HTTP-NO-TIMEOUT (Typhoeus given timeout and connecttimeout)
class AvatarFetcher
  def call(user)
    response = Typhoeus.get(user.avatar_url, followlocation: true, timeout: 10, connecttimeout: 3)
    return unless response.success?

    user.avatar.attach(io: StringIO.new(response.body), filename: "avatar.png")
  end
end
