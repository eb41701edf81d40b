# clean: RB-MASS-ASSIGNMENT
# path: app/api/v1/profiles.rb
module V1
  class Profiles < Grape::API
    before { authenticate! }

    params do
      optional :display_name, type: String
      optional :timezone, type: String
      optional :locale, type: String, values: %w[en de fr]
    end
    patch "me/profile" do
      current_user.profile.update!(declared(params, include_missing: false))
      present current_user.profile, with: Entities::Profile
    end
  end
end
