# clean: RAILS-CONSTRAINT-VALIDATE
# path: db/migrate/20261203120300_add_fk_issues_repo.rb
class AddFkIssuesRepo < ActiveRecord::Migration[7.1]
  def change
    add_foreign_key :issues, :repos, validate: false
  end
end
