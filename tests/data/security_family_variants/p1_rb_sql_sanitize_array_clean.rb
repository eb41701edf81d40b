# clean: RB-SQL-INTERPOLATION
class RankingQuery
  def initialize(account_id)
    @account_id = account_id
  end

  def call(limit)
    sql = ActiveRecord::Base.sanitize_sql_array([<<~SQL, @account_id, limit.to_i])
      SELECT user_id, sum(points) AS total FROM scores WHERE account_id = ? GROUP BY user_id ORDER BY total DESC LIMIT ?
    SQL
    ActiveRecord::Base.connection.select_all(sql).to_a
  end
end
