# want: RAILS-NOT-NULL
# path: db/migrate/20261203120500_users_email_not_null.rb
class UsersEmailNotNull < ActiveRecord::Migration[7.1]
  def up
    change_column_null :users, :email, false
    remove_check_constraint :users, name: "users_total_positive"
  end
end
