# clean: RB-ACTION-OUTSIDE-AUTHZ-FILTER
# path: app/controllers/admin/accounts_controller.rb
module Admin
  class AccountsController < ApplicationController
    before_action :authenticate_user!
    before_action :require_admin!

    def index
      @accounts = Account.order(:name).page(params[:page])
    end

    def show
      @account = Account.find(params[:id])
    end

    def merge
      Account.find(params[:id]).merge_into!(Account.find(params[:target_id]))
      redirect_to admin_accounts_path
    end
  end
end
