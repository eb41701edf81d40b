# clean: RAILS-NOT-NULL
# path: db/migrate/20261203120400_users_email_not_null.rb
class UsersEmailNotNull < ActiveRecord::Migration[7.1]
  def up
    # users_email_null was added NOT VALID and validated in the previous migration
    change_column_null :users, :email, false
    remove_check_constraint :users, name: "users_email_null"
  end

  def down
    add_check_constraint :users, "email IS NOT NULL", name: "users_email_null", validate: false
    change_column_null :users, :email, true
  end
end
