# clean: ANY-BATCH-FAILURES-IGNORED (failed entries raise)
class ReminderEnqueuer
  def call(queue_url, reminders)
    reminders.each_slice(10) do |slice|
      resp = sqs.send_message_batch(
        queue_url: queue_url,
        entries: slice.each_with_index.map { |r, i| { id: i.to_s, message_body: r.to_json } }
      )
      raise EnqueueFailed, resp.failed.map(&:message).join(", ") if resp.failed.any?
    end
    reminders.size
  end
end
