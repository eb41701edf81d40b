# clean: MIG-03
# database: mysql
# path: db/migrate/20261203170000_add_index_to_events_on_account_id.rb
class AddIndexToEventsOnAccountId < ActiveRecord::Migration[7.1]
  def change
    add_index :events, :account_id
  end
end
