# clean: RB-SQL-INTERPOLATION
# path: app/routes/ledger.rb
class LedgerRoutes < Roda
  plugin :json

  route do |r|
    r.get "entries" do
      since = Time.iso8601(r.params.fetch("since"))
      DB[:ledger_entries]
        .where(account_id: env["account.id"])
        .where(Sequel.lit("posted_at >= ? AND amount_cents <> ?", since, 0))
        .order(Sequel.desc(:posted_at))
        .limit(200)
        .all
    end
  end
end
