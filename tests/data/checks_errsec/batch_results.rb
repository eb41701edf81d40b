# Fixture: AWS batch calls (aws-sdk-ruby) report failed items in their response, not by raising.
class BatchResults
  def enqueue(queue_url, items)
    items.each_slice(10) do |slice|
      sqs.send_message_batch( # expect: ANY-BATCH-FAILURES-IGNORED
        queue_url: queue_url,
        entries: slice.each_with_index.map { |item, i| { id: i.to_s, message_body: item.to_json } }
      )
    end
    items.size
  end

  def enqueue_checked(queue_url, items)
    items.each_slice(10) do |slice|
      resp = sqs.send_message_batch(queue_url: queue_url, entries: slice.map.with_index { |item, i| { id: i.to_s, message_body: item.to_json } })
      raise EnqueueFailed, resp.failed.size.to_s if resp.failed.any?
    end
  end

  # the call is the method's value: the caller gets the response
  def purge(bucket, keys)
    s3.delete_objects(bucket: bucket, delete: { objects: keys.map { |k| { key: k } } })
  end

  def publish_all(records)
    # not the SDK (no AWS parameters)
    stream.put_records(records)
    true
  end
end
