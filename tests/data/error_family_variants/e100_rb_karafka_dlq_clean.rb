# clean: ANY-ACK-ON-FAILURE
class OrdersConsumer < ApplicationConsumer
  def consume
    messages.each do |message|
      begin
        Orders::Projector.apply(message.payload)
      rescue StandardError => e
        Karafka.logger.error("projection failed at #{message.offset}: #{e.message}")
        raise
      end
      mark_as_consumed(message)
    end
  end
end
