# clean: RB-SQL-INTERPOLATION
# path: app/api/reports.rb
module API
  class Reports < Grape::API
    GROUPABLE = %w[region channel plan].freeze

    params do
      requires :group_by, type: String, values: GROUPABLE
    end
    get "reports/revenue" do
      column = Sequel.identifier(declared(params)[:group_by])
      DB[:daily_revenue].where(tenant_id: current_tenant.id).group_and_count(column).select_append { sum(:amount_cents) }.all
    end
  end
end
