# clean: RB-SQL-INTERPOLATION
class ExportsController < ApplicationController
  EXPORTABLE = %w[id email name plan created_at].freeze

  def show
    columns = params.fetch(:fields, "id,email").split(",") & EXPORTABLE
    columns = ["id"] if columns.empty?
    rows = current_account.users.select(columns.join(", ")).limit(10_000)
    send_data to_csv(rows, columns), filename: "users.csv"
  end
end
