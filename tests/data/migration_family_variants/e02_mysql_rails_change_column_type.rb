# want: MIG-04
# database: mysql
# path: db/migrate/20261203170500_change_events_amount_to_decimal.rb
class ChangeEventsAmountToDecimal < ActiveRecord::Migration[7.1]
  def up
    change_column :events, :amount, :decimal, precision: 14, scale: 4
  end

  def down
    change_column :events, :amount, :integer
  end
end
