# clean: RB-SQL-INTERPOLATION
# path: app/routes/reports.rb
class App < Roda
  route do |r|
    r.on "reports" do
      r.get "overdue" do
        cutoff = Date.parse(r.params["before"] || Date.today.to_s)
        rows = DB[:invoices]
          .where(account_id: current_account.id)
          .where(Sequel.lit("due_at < ? AND status <> ?", cutoff, "paid"))
          .order(Sequel.desc(:due_at))
          .limit(100)
          .all
        rows.to_json
      end

      r.get "by-customer" do
        DB.fetch("SELECT customer_id, sum(total_cents) AS total FROM invoices WHERE account_id = ? AND customer_id = ? GROUP BY customer_id",
                 current_account.id, r.params["customer_id"].to_i).all.to_json
      end
    end
  end
end
