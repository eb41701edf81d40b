# want: ANY-TENANT-FROM-HEADER
# path: app/controllers/api/usage_controller.rb
module Api
  class UsageController < Api::BaseController
    def index
      account_id = request.headers["X-Account-Id"].presence || current_user.account_id
      render json: UsageEvent.where(account_id: account_id).group(:feature).count
    end
  end
end
