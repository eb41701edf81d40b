# clean: RB-FUTURE-ERROR-DROPPED (each future's failure is handled)
require "concurrent"

class InventorySync
  def call(skus)
    skus.each do |sku|
      Concurrent::Promises.future(sku) { |s| Warehouse.client.push_stock(s, Stock.level(s)) }
        .rescue { |e| Rails.logger.error("stock push failed for #{sku}: #{e.message}") }
    end
    true
  end
end
