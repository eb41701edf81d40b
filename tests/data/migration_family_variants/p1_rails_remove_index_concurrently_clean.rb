# clean: RAILS-INDEX-LOCK
# path: db/migrate/20261203120200_remove_unused_repo_index.rb
class RemoveUnusedRepoIndex < ActiveRecord::Migration[7.1]
  disable_ddl_transaction!

  def change
    remove_index :repos, :full_name, algorithm: :concurrently, if_exists: true
  end
end
