# want: RB-INSECURE-RANDOM
# path: app/models/api_key.rb
class ApiKey < ApplicationRecord
  CHARS = [*"a".."z", *"A".."Z", *"0".."9"].freeze

  before_create do
    self.token = Array.new(40) { CHARS.sample }.join
  end
end
