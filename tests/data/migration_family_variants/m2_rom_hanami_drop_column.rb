# want: MIG-01
# path: config/db/migrate/20261203123500_remove_subtitle_from_books.rb
# frozen_string_literal: true

ROM::SQL.migration do
  change do
    alter_table :books do
      drop_column :subtitle
    end
  end
end
