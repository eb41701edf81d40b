# want: ANY-ACK-ON-FAILURE
class RefundPoller
  def poll(queue_url)
    resp = sqs.receive_message(queue_url: queue_url, max_number_of_messages: 10, wait_time_seconds: 20)
    resp.messages.each do |message|
      begin
        Refunds::Issue.call(JSON.parse(message.body))
      rescue StandardError => e
        Rails.logger.error("refund failed: #{e.message}")
      ensure
        sqs.delete_message(queue_url: queue_url, receipt_handle: message.receipt_handle)
      end
    end
  end
end
