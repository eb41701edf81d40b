# clean: RAILS-INDEX-LOCK
# path: db/migrate/20261203120000_create_doc_assignments.rb
class CreateDocAssignments < ActiveRecord::Migration[7.1]
  def change
    create_table :doc_assignments do |t|
      t.references :repo_subscription, null: false, foreign_key: true
      t.references :doc_method, null: false
      t.datetime :delivered_at
      t.timestamps
    end
    add_index :doc_assignments, [:repo_subscription_id, :doc_method_id], unique: true
  end
end
