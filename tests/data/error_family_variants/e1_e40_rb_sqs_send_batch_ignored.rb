# want: ANY-BATCH-FAILURES-IGNORED
class ReminderEnqueuer
  def call(queue_url, reminders)
    reminders.each_slice(10) do |slice|
      sqs.send_message_batch(
        queue_url: queue_url,
        entries: slice.each_with_index.map { |r, i| { id: i.to_s, message_body: r.to_json } }
      )
    end
    reminders.size
  end
end
