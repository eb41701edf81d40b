module Accounts
  class Merge
    def call(source, target)
      Account.transaction do
        target.update!(balance_cents: target.balance_cents + source.balance_cents)
        source.destroy!
      rescue ActiveRecord::ActiveRecordError => e # expect: RB-RESCUE-IN-TRANSACTION
        Rails.logger.error("merge failed: #{e.message}")
      end
    end

    def transfer(from, to, cents)
      ApplicationRecord.transaction do
        begin
          from.debit!(cents)
          to.credit!(cents)
        rescue Payments::Declined => e # expect: RB-RESCUE-IN-TRANSACTION
          Rails.logger.warn(e.message)
        end
      end
    end

    def rolls_back(order)
      Order.transaction do
        order.lines.each(&:reserve!)
      rescue Inventory::Short => e
        Rails.logger.warn(e.message)
        raise ActiveRecord::Rollback
      end
    end

    def logs_and_reraises(order)
      order.with_lock do
        order.pay!
      rescue StandardError => e
        Rails.logger.error(e.message)
        raise
      end
    end

    def optional_step(order)
      Order.transaction do
        order.save!
        begin
          Audit.record!(order)
        rescue Audit::Unavailable
          Rails.logger.warn("audit skipped")
        end
      end
    end

    def outside(order)
      Order.transaction do
        order.save!
      end
    rescue ActiveRecord::RecordInvalid => e
      Rails.logger.error(e.message)
      false
    end
  end
end

class GithubController < ApplicationController
  def create
    return head :unauthorized unless valid_signature?
    Thread.new { Github::EventHandler.new(JSON.parse(request.raw_post)).call } # expect: RB-THREAD-IN-REQUEST
    head :accepted
  end

  def fan_out
    threads = params[:ids].map { |id| Thread.new { Fetcher.call(id) } }
    render json: threads.map(&:value)
  end
end

class RebuildSearchIndexJob < ApplicationJob
  def perform(tenant_id)
    lock_key = "search-rebuild:#{tenant_id}"
    return unless Redis.current.set(lock_key, job_id, nx: true, ex: 6.hours.to_i)
    SearchIndex.rebuild!(tenant_id) # expect: RB-LOCK-NOT-RELEASED
    Redis.current.del(lock_key) # released here: the finding spans the work above
  end

  def perform_safely(tenant_id)
    lock_key = "search-rebuild:#{tenant_id}"
    return unless redis.set(lock_key, job_id, nx: true, ex: 600)
    begin
      SearchIndex.rebuild!(tenant_id)
    ensure
      redis.del(lock_key)
    end
  end

  def perform_with_rescue(tenant_id)
    key = "sync:#{tenant_id}"
    return unless redis.set(key, 1, nx: true, px: 30_000)
    Sync.call(tenant_id)
    redis.del(key)
  rescue StandardError
    redis.del(key)
    raise
  end
end
