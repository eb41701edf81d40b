# clean: ANY-ACK-BEFORE-PROCESS
class OrdersConsumer < ApplicationConsumer
  def consume
    messages.each do |message|
      Orders::Project.call(message.payload)
      mark_as_consumed(message)
    end
  end
end
