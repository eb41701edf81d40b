# clean: MIG-02
# path: config/db/migrate/20261203123000_create_reviews.rb
# frozen_string_literal: true

ROM::SQL.migration do
  change do
    create_table :reviews do
      primary_key :id
      foreign_key :book_id, :books, null: false
      column :rating, Integer, null: false
      column :body, String, null: false, text: true

      index :book_id
    end
  end
end
