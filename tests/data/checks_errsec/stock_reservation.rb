class StockReservation
  LOCK_TTL_MS = 30_000

  def initialize(redis)
    @redis = redis
  end

  def reserve(sku)
    lock_key = "lock:stock:#{sku}"
    return false unless @redis.setnx(lock_key, Process.pid) # expect: RB-REDIS-LOCK-NO-EXPIRY
    begin
      yield
    ensure
      @redis.del(lock_key)
    end
  end

  def reserve_with_ttl(sku)
    ttl_lock = "lock:stock:#{sku}"
    return false unless @redis.set(ttl_lock, Process.pid, nx: true, px: LOCK_TTL_MS)
    begin
      yield
    ensure
      @redis.del(ttl_lock) # data-expect: RB-REDIS-LOCK-RELEASE
    end
  end

  def reserve_safely(sku, token)
    lock_key = "lock:stock:#{sku}"
    return false unless @redis.set(lock_key, token, nx: true, ex: 30)
    begin
      yield
    ensure
      @redis.eval(RELEASE_SCRIPT, keys: [lock_key], argv: [token])
    end
  end

  def count_reserved(skus)
    total = 0
    skus.each { |sku| total += @redis.get("reserved:#{sku}").to_i }
    total
  ensure
    return total # expect: RB-ENSURE-RETURN
  end

  def count_reserved_fixed(skus)
    skus.sum { |sku| @redis.get("reserved:#{sku}").to_i }
  ensure
    @redis.close if @closing
  end
end
