class BackfillUsers < ActiveRecord::Migration[7.1]
  def up
    User.update_all(active: true)
    User.where(active: nil).update_all(active: true)
    User.in_batches.update_all(active: true)
    OrderItem.update_all(qty: 1)
    execute <<~SQL
      UPDATE accounts SET plan = 'free'
    SQL
    execute "UPDATE accounts SET plan = 'x' WHERE id = 1"
    create_table :widgets do |t|
      t.string :name
    end
    Widget.update_all(name: 'w')
  end

  def down
    User.update_all(active: nil)
  end
end

class OldStyle < ActiveRecord::Migration
  def self.up
    Account.update_all(active: true)
  end

  def self.down
    Account.update_all(active: nil)
  end
end

class NormalizeEmails < ActiveRecord::Migration[7.1]
  def up
    User.where(email_normalized: nil).find_each do |user|
      user.update_columns(email_normalized: user.email.downcase)
    end
    User.where(plan: "trial").find_each do |user|
      user.update!(trial_ends_at: 30.days.from_now)
    end
    User.find_each do |user|
      Rails.logger.info(user.id)
    end
  end
end
