# clean: RB-FUTURE-ERROR-DROPPED (the futures are zipped and their value! raises the first failure)
require "concurrent"

class InventorySync
  def call(skus)
    futures = skus.map do |sku|
      Concurrent::Promises.future(sku) do |s|
        Warehouse.client.push_stock(s, Stock.level(s))
      end
    end
    Concurrent::Promises.zip(*futures).value!
    true
  end
end
