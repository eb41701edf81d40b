# clean: MIG-03
# path: db/migrate/20261203123500_create_credit_notes.rb
class CreateCreditNotes < ActiveRecord::Migration[7.1]
  def change
    create_table :credit_notes do |t|
      t.references :invoice, null: false, foreign_key: true
      t.string :number, null: false
      t.timestamps
    end
    add_index :credit_notes, :number, unique: true
  end
end
