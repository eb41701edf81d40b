# want: ANY-ACK-BEFORE-PROCESS
class ShipmentConsumer
  def start
    channel = connection.create_channel
    queue = channel.queue("shipments", durable: true)
    queue.subscribe(manual_ack: true, block: true) do |delivery_info, _properties, body|
      channel.ack(delivery_info.delivery_tag)
      payload = JSON.parse(body)
      Shipments::Dispatch.call(payload.fetch("shipment_id"))
    end
  end
end
