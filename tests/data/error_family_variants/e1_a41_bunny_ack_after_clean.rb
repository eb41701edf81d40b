# clean: ANY-ACK-BEFORE-PROCESS (acked after dispatch, rejected on failure)
class ShipmentConsumer
  def start
    channel = connection.create_channel
    queue = channel.queue("shipments", durable: true)
    queue.subscribe(manual_ack: true, block: true) do |delivery_info, _properties, body|
      payload = JSON.parse(body)
      Shipments::Dispatch.call(payload.fetch("shipment_id"))
      channel.ack(delivery_info.delivery_tag)
    rescue StandardError => e
      Rails.logger.error("dispatch failed: #{e.message}")
      channel.reject(delivery_info.delivery_tag, false)
    end
  end
end
