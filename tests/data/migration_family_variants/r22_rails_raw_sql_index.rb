# want: MIG-03
# path: db/migrate/20261203124500_add_lower_email_index_to_customers.rb
class AddLowerEmailIndexToCustomers < ActiveRecord::Migration[7.1]
  def up
    execute "CREATE INDEX index_customers_on_lower_email ON customers (lower(email))"
  end

  def down
    execute "DROP INDEX index_customers_on_lower_email"
  end
end
