# want: RB-JOB-FAILURE-SWALLOWED
class PushToWarehouseJob < ApplicationJob
  queue_as :fulfilment

  def perform(order)
    WarehouseClient.new.create_pick_list(order.id, order.line_items.map(&:sku))
    order.update!(warehouse_state: "submitted")
  rescue Faraday::Error => e
    Rails.logger.error("warehouse push failed for order #{order.id}: #{e.class}")
    Honeybadger.notify(e)
  end
end
