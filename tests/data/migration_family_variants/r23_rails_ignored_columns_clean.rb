# clean: MIG-01
# path: app/models/invoice.rb
class Invoice < ApplicationRecord
  self.ignored_columns += ["legacy_number"]

  belongs_to :customer
end
