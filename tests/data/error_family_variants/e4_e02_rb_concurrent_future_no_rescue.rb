# want: RB-FUTURE-ERROR-DROPPED
require "concurrent"

class InventorySync
  def call(skus)
    skus.each do |sku|
      Concurrent::Promises.future(sku) do |s|
        Warehouse.client.push_stock(s, Stock.level(s))
      end
    end
    true
  end
end
