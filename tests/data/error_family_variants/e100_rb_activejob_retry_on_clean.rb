# clean: RB-JOB-FAILURE-SWALLOWED
class PushToWarehouseJob < ApplicationJob
  queue_as :fulfilment
  retry_on Faraday::Error, wait: :polynomially_longer, attempts: 8

  def perform(order)
    WarehouseClient.new.create_pick_list(order.id, order.line_items.map(&:sku))
    order.update!(warehouse_state: "submitted")
  end
end
