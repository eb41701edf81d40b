# want: ANY-ACK-BEFORE-PROCESS
class StockLevelsWorker
  def run(consumer)
    consumer.each_message(automatically_mark_as_processed: false) do |message|
      consumer.mark_message_as_processed(message)
      event = JSON.parse(message.value)
      Inventory::Adjust.call(event.fetch("sku"), event.fetch("delta"))
    end
  end
end
