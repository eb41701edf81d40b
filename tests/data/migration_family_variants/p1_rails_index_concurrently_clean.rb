# clean: RAILS-INDEX-LOCK
# path: db/migrate/20261203120100_index_issues_on_state.rb
class IndexIssuesOnState < ActiveRecord::Migration[7.1]
  disable_ddl_transaction!

  def change
    add_index :issues, :state, algorithm: :concurrently, if_not_exists: true
  end
end
