# want: RB-RESCUE-LOGGED-CONTINUES
class ProfileImporter
  def import(user_id)
    begin
      profile = ProfileApi.get(user_id)
    rescue StandardError => e
      logger.warn("profile import failed for #{user_id}: #{e}")
    end
    User.find(user_id).update!(name: profile["name"])
  end
end
