# want: MIG-01
# database: sqlite
# path: db/migrate/20261203172500_remove_color_from_labels.rb
class RemoveColorFromLabels < ActiveRecord::Migration[7.1]
  def change
    remove_column :labels, :color, :string
  end
end
