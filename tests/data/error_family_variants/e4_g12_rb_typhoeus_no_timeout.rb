# want: RB-HTTP-NO-TIMEOUT
class AvatarFetcher
  def call(user)
    response = Typhoeus.get(user.avatar_url, followlocation: true)
    return unless response.success?

    user.avatar.attach(io: StringIO.new(response.body), filename: "avatar.png")
  end
end
